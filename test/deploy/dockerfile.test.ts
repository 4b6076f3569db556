import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './deploy.tools.js';

// No Docker engine runs here: the Dockerfile is checked statically, instruction by instruction.

interface Instruction {
  readonly op: string;
  readonly args: string;
}
interface Stage {
  readonly from: string;
  readonly name: string;
  readonly instructions: readonly Instruction[];
}

/** Stages of a Dockerfile: comments dropped, `\` continuations joined. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { from: string; name: string; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const instruction = { op: op.toUpperCase(), args: rest.join(' ') };
    if (instruction.op === 'FROM') {
      const [from = '', as, name] = rest;
      stages.push({
        from,
        name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length),
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const runtime = stages[stages.length - 1];
const ops = (stage: Stage | undefined, op: string): string[] =>
  (stage?.instructions ?? []).filter((i) => i.op === op).map((i) => i.args);
const env = new Map(
  ops(runtime, 'ENV').flatMap((args) =>
    [...args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((match) => [match[1] ?? '', match[2] ?? ''] as const),
  ),
);

describe('parseDockerfile', () => {
  it('splits stages, joins continuations and drops comments', () => {
    expect(parseDockerfile('# c\nFROM a AS one\nRUN x \\\n  y\nFROM b\nUSER 1')).toEqual([
      { from: 'a', name: 'one', instructions: [{ op: 'RUN', args: 'x y' }] },
      { from: 'b', name: '1', instructions: [{ op: 'USER', args: '1' }] },
    ]);
  });
});

describe('Dockerfile', () => {
  it('installs production dependencies in a separate stage and copies only node_modules from it', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const deps = stages.find((stage) => ops(stage, 'RUN').some((run) => /npm ci\b.*--omit=dev/.test(run)));
    expect(deps).toBeDefined();
    expect(deps).not.toBe(runtime);
    expect(ops(runtime, 'COPY')).toContain(`--from=${deps?.name} /app/node_modules ./node_modules`);
    expect(ops(runtime, 'RUN').join('\n')).not.toMatch(/npm (ci|install)/);
  });

  it('runs on a Node.js base that satisfies package.json engines', () => {
    const engines = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    const wanted = Number(/(\d+)/.exec(engines)?.[1]);
    const image = dockerfile.match(/^ARG NODE_IMAGE=node:(\d+)[-\w.]*$/m);
    expect(Number(image?.[1])).toBeGreaterThanOrEqual(wanted);
    for (const stage of stages) expect(stage.from).toBe('${NODE_IMAGE}');
  });

  it('runs as a numeric non-root user, set after the last RUN', () => {
    const users = ops(runtime, 'USER');
    expect(users).toHaveLength(1);
    const [uid, gid] = (users[0] ?? '').split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
    const order = runtime?.instructions.map((i) => i.op) ?? [];
    expect(order.lastIndexOf('RUN')).toBeLessThan(order.indexOf('USER'));
    // The kubelet can only prove runAsNonRoot for the uid k8s/base runs as.
    expect(readFileSync(join(REPO_ROOT, 'k8s/base/gateway.yaml'), 'utf8')).toContain(`runAsUser: ${uid}`);
  });

  it('starts one service chosen by the command', () => {
    expect(ops(runtime, 'ENTRYPOINT')).toEqual(['["node", "dist/bin/kt-service.js"]']);
    expect(ops(runtime, 'CMD')).toEqual(['["gateway"]']);
    const services = /const SERVICES = \[([^\]]+)\]/.exec(
      readFileSync(join(REPO_ROOT, 'bin/kt-service.js'), 'utf8'),
    );
    for (const name of (services?.[1] ?? '').match(/[a-z-]+/g) ?? []) {
      expect(existsSync(join(REPO_ROOT, 'apps', name, 'src/main.ts')), name).toBe(true);
    }
  });

  it('is read-only-root friendly: every path the services write is under a VOLUME', () => {
    const volumes = ops(runtime, 'VOLUME').flatMap((args) => JSON.parse(args) as string[]);
    expect(volumes).toEqual(expect.arrayContaining(['/tmp', '/var/lib/kt/spool']));
    for (const key of ['KT_SPOOL_DIR', 'PROBER_SPOOL_DIR', 'TMPDIR']) {
      const path = env.get(key) ?? '';
      expect(
        volumes.some((volume) => path === volume || path.startsWith(`${volume}/`)),
        `${key}=${path}`,
      ).toBe(true);
    }
    // The application files stay root-owned: the service user cannot change its own code.
    expect(ops(runtime, 'COPY').filter((copy) => copy.includes('--chown'))).toEqual([]);
  });

  it('carries no secrets and copies nothing the .dockerignore should keep out', () => {
    const declared = [...ops(runtime, 'ENV'), ...stages.flatMap((stage) => ops(stage, 'ARG'))].join(' ');
    expect(declared).not.toMatch(/(KEY|TOKEN|SECRET|PASSWORD)[A-Z_]*=/);
    const sources = stages
      .flatMap((stage) => ops(stage, 'COPY'))
      .filter((copy) => !copy.startsWith('--from'));
    expect(sources.join(' ')).not.toMatch(/(^|\s)\.(\s|$)|\.env/);
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', '.kt', '.cache', 'test']));
  });

  it('runs the compiled build: no TypeScript sources, loader or transform cache in the runtime stage', () => {
    const build = stages.find((stage) => ops(stage, 'RUN').some((run) => /^npm run build\b/.test(run)));
    expect(build).toBeDefined();
    expect(build).not.toBe(runtime);
    expect(ops(build, 'COPY')).toEqual(
      expect.arrayContaining(['scripts/build.mjs ./scripts/build.mjs', 'bin ./bin']),
    );
    expect(ops(runtime, 'COPY')).toContain(`--from=${build?.name} /app/dist ./dist`);
    const copied = ops(runtime, 'COPY').join('\n');
    expect(copied).not.toMatch(/(^|\s)(apps|libs|bin|tsconfig\.json)(\s|$)/m);
    expect(env.has('SWC_NODE_CACHE_DIR')).toBe(false);
    // The build stage installs production dependencies only, so its compiler must be one of them.
    expect(readFileSync(join(REPO_ROOT, 'scripts/build.mjs'), 'utf8')).toMatch(/from '@swc\/core'/);
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
    };
    for (const name of ['@swc/core', 'reflect-metadata']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, name).toBeDefined();
      expect(entry?.dev ?? false, name).toBe(false);
      expect(entry?.devOptional ?? false, name).toBe(false);
    }
    // `scripts` stays out of the context except the build script the build stage copies.
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored.indexOf('!scripts/build.mjs')).toBeGreaterThan(ignored.indexOf('scripts'));
  });
});
