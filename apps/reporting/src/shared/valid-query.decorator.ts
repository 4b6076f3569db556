import 'reflect-metadata';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidParameterError } from './invalid-parameter.error.js';

type QueryClass<T> = new () => T;

/**
 * Reads and validates the query string into `dto` (unknown parameters refused), answering a 400
 * that names the first bad parameter. The global ValidationPipe skips custom decorators, so this is
 * the one place the reporting API's query shape is decided.
 */
export function parseQuery<T extends object>(dto: QueryClass<T>, raw: unknown): T {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) fields[name] = scalar(name, value);
  const instance = plainToInstance(dto, fields, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  const first = errors[0];
  if (first !== undefined) throw new InvalidParameterError(first.property, messageOf(first));
  return instance;
}

/** Longest parameter name echoed back in an error. */
const NAME_ECHO = 64;

/** Control characters (NUL above all) have no place in a filter; PostgreSQL refuses NUL in text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * One parameter as a single string, or a 400 naming it: a repeated or nested parameter, a control
 * character, or a name that is an Object.prototype member (which class-transformer would treat as
 * the instance's own machinery, e.g. `constructor`) never reaches the DTO.
 */
function scalar(name: string, value: unknown): string {
  const param = name.length > NAME_ECHO ? `${name.slice(0, NAME_ECHO)}…` : name;
  const shown = param === '' ? 'a parameter without a name' : param;
  if (name === '' || name in Object.prototype || CONTROL.test(name))
    throw new InvalidParameterError(param, `${shown}: unknown parameter`);
  if (Array.isArray(value))
    throw new InvalidParameterError(param, `${shown}: give it once, got ${value.length} values`);
  if (typeof value !== 'string')
    throw new InvalidParameterError(param, `${shown}: expected a single value, got a structure`);
  if (CONTROL.test(value))
    throw new InvalidParameterError(param, `${shown}: control characters (such as NUL) are not allowed`);
  return value;
}

/** `@ValidQuery(SpendQueryDto) query: SpendQueryDto` — see `parseQuery`. */
export const ValidQuery = createParamDecorator((dto: QueryClass<object>, context: ExecutionContext): object =>
  parseQuery(dto, context.switchToHttp().getRequest<{ readonly query?: unknown }>().query),
);

function messageOf(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints) return `${error.property}: unknown parameter`;
  const [message] = Object.values(constraints);
  return `${error.property}: ${message ?? 'invalid value'}`;
}
