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
  for (const [name, value] of Object.entries(source)) {
    if (Array.isArray(value))
      throw new InvalidParameterError(name, `${name}: give it once, got ${value.length} values`);
  }
  const instance = plainToInstance(
    dto,
    { ...source },
    { enableImplicitConversion: true, exposeDefaultValues: true },
  );
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  const first = errors[0];
  if (first !== undefined) throw new InvalidParameterError(first.property, messageOf(first));
  return instance;
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
