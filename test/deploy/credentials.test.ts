import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installDeployTools, kustomizeBuild, REPO_ROOT } from './deploy.tools.js';
import { byKind, named, parseObjects, type K8sObject } from './k8s.objects.js';

// Issue 12: one credential per role under compose and k8s (the demo gateway key is never a
// reporting or ledger token), and in k8s only the gateways reach the ledger's lease API.

const APP_OVERLAYS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/production'] as const;
const APPS = ['gateway', 'ledger', 'prober', 'reporting'] as const;
const PORTS = { gateway: 41002, reporting: 41003, ledger: 41004, prober: 41005 } as const;

interface Peer {
  readonly podSelector?: { readonly matchLabels?: Record<string, string> };
  readonly namespaceSelector?: { readonly matchLabels?: Record<string, string> };
}
interface PolicySpec {
  readonly podSelector: { readonly matchLabels?: Record<string, string> };
  readonly policyTypes?: readonly string[];
  readonly ingress?: readonly {
    readonly from?: readonly Peer[];
    readonly ports?: readonly { port: number }[];
  }[];
}

const rendered = new Map<string, K8sObject[]>();
const objectsOf = (dir: string): K8sObject[] => rendered.get(dir) ?? [];

beforeAll(() => {
  const tools = installDeployTools();
  for (const dir of [...APP_OVERLAYS, 'k8s/infra/cloudnative-pg'])
    rendered.set(dir, parseObjects(kustomizeBuild(tools, dir)));
}, 15 * 60_000);

const envOf = (objects: readonly K8sObject[], app: string) =>
  named(objects, 'Deployment', `kt-${app}`).spec?.template?.spec.containers[0]?.env ?? [];

function selects(policy: PolicySpec, labels: Record<string, string>): boolean {
  return Object.entries(policy.podSelector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/** Who may open `port` on the pods of `app`: `pod:<name>` (same namespace), `ns:<name>` or `any`. */
function peersOf(objects: readonly K8sObject[], app: string, port: number): string[] {
  const labels = { 'app.kubernetes.io/name': `kt-${app}`, 'app.kubernetes.io/part-of': 'kt' };
  const peers = byKind(objects, 'NetworkPolicy')
    .map((policy) => policy.spec as unknown as PolicySpec)
    .filter((policy) => selects(policy, labels))
    .flatMap((policy) => policy.ingress ?? [])
    .filter((rule) => rule.ports === undefined || rule.ports.some((p) => p.port === port))
    .flatMap((rule) =>
      (rule.from ?? [{}]).map((peer) => {
        const pod = peer.podSelector?.matchLabels?.['app.kubernetes.io/name'];
        const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        if (pod !== undefined && peer.namespaceSelector === undefined) return `pod:${pod}`;
        if (ns !== undefined && peer.podSelector === undefined) return `ns:${ns}`;
        return 'any';
      }),
    );
  return [...new Set(peers)].sort();
}

describe.each(APP_OVERLAYS)('%s', (dir) => {
  it('denies all ingress by default, then opens each port to the peers that need it', () => {
    const objects = objectsOf(dir);
    const deny = byKind(objects, 'NetworkPolicy').find(
      (policy) =>
        Object.keys((policy.spec as unknown as PolicySpec).podSelector.matchLabels ?? {}).length === 0,
    );
    expect(deny?.spec).toMatchObject({ podSelector: {}, policyTypes: ['Ingress'] });
    expect((deny?.spec as unknown as PolicySpec).ingress ?? []).toEqual([]);
    expect(peersOf(objects, 'ledger', PORTS.ledger)).toEqual(['ns:monitoring', 'pod:kt-gateway']);
    expect(peersOf(objects, 'gateway', PORTS.gateway)).toEqual(['ns:ingress-nginx', 'ns:monitoring']);
    expect(peersOf(objects, 'reporting', PORTS.reporting)).toEqual(['ns:ingress-nginx', 'ns:monitoring']);
    expect(peersOf(objects, 'prober', PORTS.prober)).toEqual(['ns:monitoring']);
  });

  it('wires one ledger credential per role from Secrets and a documented budget fail mode', () => {
    const objects = objectsOf(dir);
    const secretOf = (app: string, name: string) =>
      envOf(objects, app).find((env) => env.name === name)?.valueFrom?.secretKeyRef;
    expect(secretOf('ledger', 'LEDGER_TOKENS')).toMatchObject({
      name: 'kt-ledger-tokens',
      key: 'LEDGER_TOKENS',
    });
    expect(secretOf('gateway', 'KT_LEDGER_SERVICE_TOKEN')).toMatchObject({
      name: 'kt-ledger-tokens',
      key: 'KT_LEDGER_SERVICE_TOKEN',
    });
    // Each pod holds only its own credential.
    for (const app of APPS) {
      const names = envOf(objects, app).map((env) => env.name);
      if (app !== 'ledger') expect(names, app).not.toContain('LEDGER_TOKENS');
      if (app !== 'gateway') expect(names, app).not.toContain('KT_LEDGER_SERVICE_TOKEN');
      if (app !== 'reporting') expect(names, app).not.toContain('REPORTING_TOKENS');
    }
    const config = named(objects, 'ConfigMap', 'kt-config').data ?? {};
    expect(['open', 'closed']).toContain(config['KT_BUDGET_FAIL_MODE']);
  });
});

describe('k8s/infra/cloudnative-pg', () => {
  it('lets only the ledger and reporting (and CloudNativePG itself) reach PostgreSQL', () => {
    const [policy] = byKind(objectsOf('k8s/infra/cloudnative-pg'), 'NetworkPolicy');
    const spec = policy?.spec as unknown as {
      podSelector: { matchLabels?: Record<string, string> };
      ingress: { from: { podSelector?: { matchExpressions?: { values: string[] }[] } }[] }[];
    };
    expect(spec.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': 'kt-pg' });
    const apps = spec.ingress.flatMap((rule) =>
      rule.from.flatMap((peer) => peer.podSelector?.matchExpressions?.flatMap((e) => e.values) ?? []),
    );
    expect(apps.sort()).toEqual(['kt-ledger', 'kt-reporting']);
  });
});

describe('k8s/examples/secrets.example.yaml', () => {
  it('shows the ledger tokens Secret with digests for the ledger and the plain token for gateways', () => {
    const text = readFileSync(join(REPO_ROOT, 'k8s/examples/secrets.example.yaml'), 'utf8');
    const secret = named(parseObjects(text), 'Secret', 'kt-ledger-tokens') as unknown as {
      stringData: Record<string, string>;
    };
    const roles = secret.stringData['LEDGER_TOKENS']?.split(',').map((entry) => entry.split(':')[0]);
    expect(roles?.sort()).toEqual(['admin', 'finance', 'gateway']);
    expect(secret.stringData['KT_LEDGER_SERVICE_TOKEN']).toBeDefined();
  });
});

interface ComposeService {
  readonly ports?: readonly (string | { published?: number | string; host_ip?: string })[];
  readonly environment?: Record<string, string>;
}

describe('docker-compose.yml', () => {
  const services = (
    parse(
      execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
        env: { PATH: process.env.PATH ?? '' },
      }),
    ) as { services: Record<string, ComposeService> }
  ).services;
  const env = (service: string): Record<string, string> => services[service]?.environment ?? {};
  /** `role:name:secret,…` → role → secret. */
  const secrets = (tokens: string | undefined): Map<string, string> =>
    new Map(
      (tokens ?? '').split(',').map((entry) => {
        const [role = '', , ...secret] = entry.split(':');
        return [role, secret.join(':')] as const;
      }),
    );

  it('publishes only the gateway and reporting; the ledger on 127.0.0.1 only', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => {
        const text = typeof port === 'string' ? port : `${port.host_ip ?? '0.0.0.0'}:${port.published}`;
        return `${name} ${text.startsWith('127.0.0.1:') ? 'localhost' : 'all'}`;
      }),
    );
    expect(published.sort()).toEqual(['gateway all', 'ledger localhost', 'reporting all']);
  });

  it('gives every role its own credential and each service only its own', () => {
    const gatewayKeys = (env('gateway')['KT_API_KEYS'] ?? '').split(',').map((entry) => entry.split(':')[0]);
    const reporting = secrets(env('reporting')['REPORTING_TOKENS']);
    const ledger = secrets(env('ledger')['LEDGER_TOKENS']);
    expect([...reporting.keys()].sort()).toEqual(['admin', 'finance']);
    expect([...ledger.keys()].sort()).toEqual(['admin', 'finance', 'gateway']);
    for (const key of gatewayKeys) {
      expect([...reporting.values(), ...ledger.values()]).not.toContain(key);
    }
    expect(new Set(ledger.values()).size).toBe(3);
    expect(env('gateway')['KT_LEDGER_SERVICE_TOKEN']).toBe(ledger.get('gateway'));
    expect(['open', 'closed']).toContain(env('gateway')['KT_BUDGET_FAIL_MODE']);
    for (const service of Object.keys(services)) {
      if (service !== 'ledger') expect(env(service)['LEDGER_TOKENS'], service).toBeUndefined();
      if (service !== 'reporting') expect(env(service)['REPORTING_TOKENS'], service).toBeUndefined();
      if (service !== 'gateway') expect(env(service)['KT_API_KEYS'], service).toBeUndefined();
    }
    // Provider keys only where providers are called: a pack's ${OPENAI_API_KEY} finds nothing in reporting.
    for (const service of ['reporting', 'ledger'])
      expect(env(service)['OPENAI_API_KEY'], service).toBeUndefined();
  });
});
