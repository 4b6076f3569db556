import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Debian's docker-compose validates the file without a Docker engine (`.ci/run` installs it).
const compose = (...args: string[]): string =>
  execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { encoding: 'utf8', stdio: 'pipe' });

describe('docker-compose.yml', () => {
  it('validates', () => {
    expect(() => compose('config', '-q')).not.toThrow();
  });

  it('runs official Kafka 3.9 (KRaft) and PostgreSQL images and the four services from one image', () => {
    const config = compose('config');
    expect(config).toMatch(/image: apache\/kafka:3\.9\.\d+/);
    expect(config).toMatch(/image: postgres:\d+/);
    expect(config).toContain('KAFKA_PROCESS_ROLES: broker,controller');
    const services = (parse(config) as { services: Record<string, { image?: string; command?: string[] }> })
      .services;
    for (const app of ['gateway', 'ledger', 'prober', 'reporting']) {
      expect(services[app]?.image, app).toBe('kt:local');
      expect(services[app]?.command, app).toEqual([app]);
    }
  });

  it('keeps the provider simulators under the sim profile', () => {
    const services = (parse(compose('config')) as { services: Record<string, { profiles?: string[] }> })
      .services;
    expect(services['provider-sim']?.profiles).toEqual(['sim']);
  });

  it('runs the services read-only, with /tmp and the spools on writable mounts', () => {
    const services = (
      parse(compose('config')) as {
        services: Record<
          string,
          { read_only?: boolean; tmpfs?: string[]; volumes?: (string | { target: string })[] }
        >;
      }
    ).services;
    for (const app of ['gateway', 'ledger', 'prober', 'reporting']) {
      expect(services[app]?.read_only, app).toBe(true);
      expect(services[app]?.tmpfs, app).toContain('/tmp');
    }
    for (const app of ['gateway', 'prober']) {
      // docker-compose v1 prints `source:target:mode`, v2 an object.
      const targets = services[app]?.volumes?.map((volume) =>
        typeof volume === 'string' ? volume.split(':')[1] : volume.target,
      );
      expect(targets, app).toContain('/var/lib/kt/spool');
    }
  });
});
