import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
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

/**
 * 413: the pack is under the body cap but its event is not. The event carries the text
 * JSON-escaped (a `"` or a newline doubles) inside a signed envelope, and the broker refuses a
 * record over the topic's `max.message.bytes`; what is said is the limit, not the text.
 */
export function packEventTooLarge(bytes: number, limit: number, topic: string): PayloadTooLargeException {
  return new PayloadTooLargeException({
    error: {
      type: 'invalid_request_error',
      code: 'pack_too_large',
      message: `the pack's event would be ${bytes} bytes (the pack text JSON-escaped in its signed envelope), but ${topic} accepts at most ${limit} bytes per record: make the pack smaller (quotes, backslashes and newlines count twice)`,
    },
  });
}

/**
 * 503: Kafka did not take the pack (down, a refused login or ACL). The cause is in reporting's
 * log; the answer names none of it, since Kafka's messages carry broker addresses.
 */
export function packNotPublished(topic: string): ServiceUnavailableException {
  return new ServiceUnavailableException({
    error: {
      type: 'service_unavailable',
      code: 'pack_not_published',
      message: `the pack is valid but was not published: Kafka did not accept it on ${topic} (reporting's log says why); nothing was applied, try again`,
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
