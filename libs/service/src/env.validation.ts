import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

type EnvClass<T> = new () => T;

export class EnvValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment:\n  ${problems.join('\n  ')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Validates the process environment against one class per app, once at startup, so a service refuses
 * to start with a message naming every variable that is wrong rather than failing later on first use.
 * The caller (an app's `main.ts`) hands over the environment: libraries never read `process.env`.
 */
export function loadEnv<T extends object>(
  cls: EnvClass<T>,
  env: Readonly<Record<string, string | undefined>>,
): T {
  // `VAR=` (as compose files and ConfigMaps write an unset value) means unset, not 0 or "".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const instance = plainToInstance(cls, given, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvValidationError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return instance;
}
