import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { PackIssue } from '@kt/pack';

/** 400 naming every problem of the pack at its path, as `kt pack validate` prints them. */
export function invalidPack(errors: readonly PackIssue[]): BadRequestException {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return new BadRequestException({
    error: {
      type: 'invalid_request_error',
      code: 'invalid_pack',
      message: `the pack is invalid (${count}): ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    },
  });
}

export function notYaml(): BadRequestException {
  return new BadRequestException({
    error: {
      type: 'invalid_request_error',
      code: 'invalid_body',
      message: 'expected the pack YAML text as the body, with content-type application/yaml or text/yaml',
    },
  });
}

export function invalidName(got: string): BadRequestException {
  return new BadRequestException({
    error: {
      type: 'invalid_request_error',
      code: 'invalid_parameter',
      param: 'name',
      message: `name: expected a pack name, got '${clip(got)}'`,
    },
  });
}

export function noPack(name: string | undefined): NotFoundException {
  return new NotFoundException({
    error: {
      type: 'not_found_error',
      code: 'no_pack',
      message: name === undefined ? 'no pack has been applied yet' : `no pack named '${clip(name)}' has been applied`,
    },
  });
}

/** Client-chosen text echoed in an answer, bounded. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
