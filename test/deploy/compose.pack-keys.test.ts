import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PackApplied } from '@kt/contracts';
import { PackSigner, PackVerifier } from '@kt/pack';
import { REPO_ROOT } from './deploy.tools.js';

// Compose wires the pack-signing pair (docs/operations.md, Pack signing): without it every gateway
// and the prober refuse each `kt pack apply` against `docker compose`.

interface Service {
  image?: string;
  restart?: string;
  read_only?: boolean;
  entrypoint?: string[];
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: (string | { source?: string; target: string; read_only?: boolean })[];
}

const services = (): Record<string, Service> =>
  (
    parse(
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ) as { services: Record<string, Service> }
  ).services;

/** `volume:target[:mode]` (docker-compose v1) or the object of v2, as one shape. */
const mounts = (service: Service | undefined) =>
  (service?.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string')
      return { source: volume.source ?? '', target: volume.target, readOnly: volume.read_only === true };
    const [source = '', target = '', mode = 'rw'] = volume.split(':');
    return { source, target, readOnly: mode === 'ro' };
  });

const SIGNING_VOLUME = 'pack-signing-key';
const VERIFY_VOLUME = 'pack-verify-key';

describe('docker-compose.yml: pack keys', () => {
  it('creates the pair in a one-shot service of the kt image that is never restarted', () => {
    const init = services()['pack-keys'];
    expect(init?.image).toBe('kt:local');
    expect(init?.restart).toBe('no');
    expect(init?.read_only).toBe(true);
    expect(init?.entrypoint).toEqual(['node', '/opt/kt/pack-keys.mjs']);
    expect(init?.command).toEqual(['ensure']);
    const byVolume = new Map(mounts(init).map((mount) => [mount.source, mount]));
    for (const volume of [SIGNING_VOLUME, VERIFY_VOLUME])
      expect(byVolume.get(volume)?.readOnly, volume).toBe(false);
    expect(
      mounts(init).some(
        (mount) => mount.source.endsWith('infra/compose/pack-keys/pack-keys.mjs') && mount.readOnly,
      ),
    ).toBe(true);
  });

  it('starts reporting, the gateway and the prober only after the pair exists', () => {
    const all = services();
    for (const app of ['reporting', 'gateway', 'prober']) {
      expect(all[app]?.depends_on?.['pack-keys'], app).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(all[app]?.depends_on?.['kafka'], app).toEqual({ condition: 'service_healthy' });
    }
  });

  it('gives the private key to reporting only, read-only, and the public key to the gateway and the prober', () => {
    const all = services();
    const signing = mounts(all['reporting']).find((mount) => mount.source === SIGNING_VOLUME);
    expect(signing?.readOnly).toBe(true);
    expect(all['reporting']?.environment?.['KT_PACK_SIGNING_KEY_FILE']).toBe(
      `${signing?.target}/signing.key.pem`,
    );
    for (const app of ['gateway', 'prober']) {
      const verify = mounts(all[app]).find((mount) => mount.source === VERIFY_VOLUME);
      expect(verify?.readOnly, app).toBe(true);
      expect(all[app]?.environment?.['KT_PACK_VERIFY_KEY_FILE'], app).toBe(
        `${verify?.target}/verify.pub.pem`,
      );
      expect(all[app]?.environment, app).not.toHaveProperty('KT_PACK_SIGNING_KEY_FILE');
      expect(all[app]?.environment, app).not.toHaveProperty('KT_PACK_ALLOW_UNSIGNED');
    }
    const holders = Object.entries(all)
      .filter(([, service]) => mounts(service).some((mount) => mount.source === SIGNING_VOLUME))
      .map(([name]) => name)
      .sort();
    expect(holders).toEqual(['pack-keys', 'reporting']);
  });

  it('mounts the key volumes where the image has directories owned by the service user', () => {
    // A fresh named volume takes the owner of the image's directory: without it uid 10001 cannot write.
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const mkdir = /mkdir -p ([^\\\n&]+)/.exec(dockerfile)?.[1]?.trim().split(/\s+/) ?? [];
    expect(dockerfile).toContain('chown -R 10001:10001 /var/lib/kt');
    const keyMounts = mounts(services()['pack-keys']).filter((m) => m.source.startsWith('pack-'));
    expect(keyMounts).toHaveLength(2);
    for (const mount of keyMounts) expect(mkdir, mount.target).toContain(mount.target);
  });
});

describe('infra/compose/pack-keys/pack-keys.mjs', () => {
  let dir: string;
  const signingFile = () => join(dir, 'signing', 'signing.key.pem');
  const verifyFile = () => join(dir, 'verify', 'verify.pub.pem');
  const run = (command?: string): string =>
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'infra/compose/pack-keys/pack-keys.mjs'), ...(command ? [command] : [])],
      {
        encoding: 'utf8',
        stdio: 'pipe',
        env: {
          PATH: process.env['PATH'],
          PACK_SIGNING_DIR: join(dir, 'signing'),
          PACK_VERIFY_DIR: join(dir, 'verify'),
        },
      },
    );
  // Read as the services read them: reporting's signer and the gateway's verifier.
  const signer = () => PackSigner.fromEnv({ KT_PACK_SIGNING_KEY_FILE: signingFile() });
  const verifier = () => PackVerifier.fromEnv({ KT_PACK_VERIFY_KEY_FILE: verifyFile() });
  const currentId = () => signer()?.keyId;
  const verifyIds = () => verifier().keyIds;
  const event: Omit<PackApplied, 'signature'> = {
    schema: 'kt.pack.v1',
    type: 'pack.applied',
    event_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    occurred_at: '2026-12-07T09:00:00Z',
    pack: { name: 'core', version: '1.0.0', sha256: 'a'.repeat(64) },
    applied_by: 'ops',
    content: 'targets: []\n',
    source: 'api',
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kt-pack-keys-'));
    execFileSync('mkdir', [join(dir, 'signing'), join(dir, 'verify')]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a pair the services read, the private key readable by its owner only, and prints only its id', () => {
    const out = run();
    const id = currentId();
    expect(verifyIds()).toEqual([id]);
    const signed = signer()?.sign(event);
    expect(signed && verifier().check(signed)).toEqual({ ok: true });
    expect(statSync(signingFile()).mode & 0o077).toBe(0);
    expect(out).toContain(id);
    expect(out).not.toContain('PRIVATE KEY');
  });

  it('keeps the existing pair on every later start', () => {
    run();
    const id = currentId();
    const verify = readFileSync(verifyFile(), 'utf8');
    expect(run('ensure')).toContain('nothing to do');
    expect(currentId()).toBe(id);
    expect(readFileSync(verifyFile(), 'utf8')).toBe(verify);
  });

  it('rotates with an overlap and prunes the old public key afterwards', () => {
    run();
    const old = currentId();
    run('rotate');
    const next = currentId();
    expect(next).not.toBe(old);
    expect([...verifyIds()].sort()).toEqual([old, next].sort());
    // During the overlap a gateway still accepts what reporting signs with either key.
    const signed = signer()?.sign(event);
    expect(signed && verifier().check(signed)).toEqual({ ok: true });
    run('prune');
    expect(currentId()).toBe(next);
    expect(verifyIds()).toEqual([next]);
  });

  it('restores the public key when only the verify volume was recreated', () => {
    run();
    rmSync(verifyFile());
    run();
    expect(verifyIds()).toEqual([currentId()]);
  });

  it('fails with the error code, not a path or key, when it cannot write', () => {
    rmSync(join(dir, 'signing'), { recursive: true });
    expect(() => run()).toThrow(/pack-keys: ENOENT/);
  });
});
