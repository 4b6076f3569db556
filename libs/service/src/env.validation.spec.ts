import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { EnvValidationError, loadEnv } from './env.validation.js';

class SampleEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 41002;

  @IsString()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsOptional()
  @IsString()
  DATABASE_URL?: string;
}

describe('loadEnv', () => {
  it('applies defaults when variables are unset', () => {
    const env = loadEnv(SampleEnv, {});
    expect(env.PORT).toBe(41002);
    expect(env.KAFKA_BROKERS).toBe('localhost:9092');
  });

  it('takes an empty or blank variable as unset, as `VAR=` in a compose file or ConfigMap means', () => {
    const env = loadEnv(SampleEnv, { PORT: '', KAFKA_BROKERS: '  ', DATABASE_URL: '' });
    expect(env.PORT).toBe(41002);
    expect(env.KAFKA_BROKERS).toBe('localhost:9092');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numeric strings', () => {
    expect(loadEnv(SampleEnv, { PORT: '5000' }).PORT).toBe(5000);
  });

  it('names every variable that is wrong', () => {
    try {
      loadEnv(SampleEnv, { PORT: '70000', KAFKA_BROKERS: '' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvValidationError);
      expect((error as EnvValidationError).problems.map((p) => p.split(':')[0])).toEqual(['PORT']);
      expect((error as Error).message).toContain('PORT');
    }
  });
});
