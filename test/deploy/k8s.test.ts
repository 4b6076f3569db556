import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUDGET_EVENTS_TOPIC,
  BUDGET_STATE_TOPIC,
  DEAD_LETTER_TOPIC,
  PACK_EVENTS_TOPIC,
  ROUTE_EVENTS_TOPIC,
  TOPIC_NAMES,
  topicConfigs,
} from '@kt/contracts';
import { writeCrdSchemas } from './crd.schema.js';
import { DeployTools, installDeployTools, kubeconform, kustomizeBuild, REPO_ROOT } from './deploy.tools.js';
import { allowsWrite, byKind, Container, K8sObject, kafkaAcls, named, parseObjects } from './k8s.objects.js';

// Renders every kustomization and validates it with kubeconform (strict, offline schemas for
// Kubernetes 1.32 and the Strimzi / CloudNativePG CRDs), then checks what the issue asks of it.

const KUSTOMIZATIONS = [
  'k8s/base',
  'k8s/overlays/dev',
  'k8s/overlays/production',
  'k8s/infra/strimzi',
  'k8s/infra/cloudnative-pg',
] as const;
const APP_OVERLAYS = ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/production'] as const;
const SERVICES = [
  { app: 'gateway', port: 41002, portVar: 'GATEWAY_PORT' },
  { app: 'ledger', port: 41004, portVar: 'LEDGER_PORT' },
  { app: 'prober', port: 41005, portVar: 'PROBER_PORT' },
  { app: 'reporting', port: 41003, portVar: 'REPORTING_PORT' },
] as const;

let tools: DeployTools;
let work: string;
let crdSchemas: string;
const rendered = new Map<string, string>();
const objectsOf = (dir: string): K8sObject[] => parseObjects(rendered.get(dir) ?? '');
const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const containerOf = (objects: readonly K8sObject[], app: string): Container => {
  const container = named(objects, 'Deployment', `kt-${app}`).spec?.template?.spec.containers[0];
  if (!container) throw new Error(`kt-${app} has no container`);
  return container;
};

beforeAll(() => {
  tools = installDeployTools();
  work = mkdtempSync(join(tmpdir(), 'kt-k8s-'));
  crdSchemas = join(work, 'crd-schemas');
  writeCrdSchemas(tools.crdDirs, crdSchemas);
  for (const dir of KUSTOMIZATIONS) rendered.set(dir, kustomizeBuild(tools, dir));
}, 15 * 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kubeconform validation', () => {
  it.each(KUSTOMIZATIONS)('%s renders and every resource is valid in strict mode', (dir) => {
    const result = kubeconform(tools, crdSchemas, [file('rendered.yaml', rendered.get(dir) ?? '')]);
    const problems = result.resources.filter((resource) => resource.status !== 'statusValid');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.resources.length).toBe(objectsOf(dir).length);
  });

  it('validates the example secrets file', () => {
    const result = kubeconform(tools, crdSchemas, [join(REPO_ROOT, 'k8s/examples/secrets.example.yaml')]);
    expect(result.exitCode).toBe(0);
    expect(result.resources.map((resource) => resource.status)).toEqual(
      result.resources.map(() => 'statusValid'),
    );
  });

  const broken = [
    {
      what: 'an unknown field in a Deployment',
      dir: 'k8s/overlays/production',
      breakIt: (text: string) => text.replace('readinessProbe:', 'readynessProbe:'),
      kind: 'Deployment',
    },
    {
      what: 'a wrong type in an HPA',
      dir: 'k8s/overlays/production',
      breakIt: (text: string) => text.replace('maxReplicas: 12', 'maxReplicas: twelve'),
      kind: 'HorizontalPodAutoscaler',
    },
    {
      what: 'an unknown field in a KafkaNodePool (CRD schema)',
      dir: 'k8s/infra/strimzi',
      breakIt: (text: string) => text.replace('roles:', 'rolez:'),
      kind: 'KafkaNodePool',
    },
    {
      what: 'a wrong type in a KafkaTopic (CRD schema)',
      dir: 'k8s/infra/strimzi',
      breakIt: (text: string) => text.replace('partitions: 6', 'partitions: six'),
      kind: 'KafkaTopic',
    },
    {
      what: 'a missing required field in a CloudNativePG Cluster (CRD schema)',
      dir: 'k8s/infra/cloudnative-pg',
      breakIt: (text: string) => text.replace(/\n {2}instances: 3\n/, '\n'),
      kind: 'Cluster',
    },
  ];
  it.each(broken)('rejects $what', ({ dir, breakIt, kind }) => {
    const original = rendered.get(dir) ?? '';
    const text = breakIt(original);
    expect(text).not.toBe(original);
    const result = kubeconform(tools, crdSchemas, [file('broken.yaml', text)]);
    expect(result.exitCode).not.toBe(0);
    expect(
      result.resources.filter((resource) => resource.status === 'statusInvalid').map((r) => r.kind),
    ).toContain(kind);
  });

  it('rejects a kind it has no schema for instead of skipping it', () => {
    const result = kubeconform(tools, crdSchemas, [
      file('unknown.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'),
    ]);
    expect(result.exitCode).not.toBe(0);
    expect(result.resources[0]?.status).toBe('statusError');
  });
});

describe.each(APP_OVERLAYS)('%s', (dir) => {
  it('runs the four services from one image, each with its command, port and Service', () => {
    const objects = objectsOf(dir);
    const images = new Set(SERVICES.map(({ app }) => containerOf(objects, app).image));
    expect(images.size).toBe(1);
    for (const { app, port, portVar } of SERVICES) {
      const container = containerOf(objects, app);
      expect(container.args, app).toEqual([app]);
      expect(container.ports, app).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(container.env?.find((env) => env.name === portVar)?.value, app).toBe(String(port));
      const service = named(objects, 'Service', `kt-${app}`);
      expect(service.spec?.ports?.[0]).toMatchObject({ port, targetPort: 'http' });
      expect(service.spec?.selector).toEqual(
        named(objects, 'Deployment', `kt-${app}`).spec?.selector?.matchLabels,
      );
    }
  });

  it('probes /healthz for liveness and /readyz for readiness, and sets resources', () => {
    for (const { app } of SERVICES) {
      const container = containerOf(objectsOf(dir), app);
      expect(container.livenessProbe?.httpGet, app).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe?.httpGet, app).toEqual({ path: '/readyz', port: 'http' });
      expect(container.resources?.requests?.['cpu'], app).toBeDefined();
      expect(container.resources?.requests?.['memory'], app).toBeDefined();
      expect(container.resources?.limits?.['memory'], app).toBeDefined();
    }
  });

  it('runs non-root on a read-only root filesystem, all capabilities dropped, seccomp RuntimeDefault', () => {
    for (const deployment of byKind(objectsOf(dir), 'Deployment')) {
      const pod = deployment.spec?.template?.spec;
      const name = deployment.metadata.name;
      expect(pod?.securityContext, name).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod?.automountServiceAccountToken, name).toBe(false);
      for (const container of pod?.containers ?? []) {
        expect(container.securityContext, name).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        // Everything the process writes goes to emptyDirs: /tmp and the spools.
        const emptyDirs = new Set(pod?.volumes?.filter((v) => v.emptyDir).map((v) => v.name));
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
        expect(tmp && emptyDirs.has(tmp.name), `${name} /tmp`).toBe(true);
      }
    }
  });

  it('gives the gateway and the prober a spool volume where their spool settings point', () => {
    const objects = objectsOf(dir);
    const config = named(objects, 'ConfigMap', 'kt-config').data ?? {};
    for (const [app, setting] of [
      ['gateway', 'KT_SPOOL_DIR'],
      ['prober', 'PROBER_SPOOL_DIR'],
    ] as const) {
      const spool = containerOf(objects, app).volumeMounts?.find((mount) => mount.name === 'spool');
      expect(spool, app).toBeDefined();
      expect(config[setting]?.startsWith(`${spool?.mountPath}/`), `${setting} under the ${app} spool`).toBe(
        true,
      );
    }
  });

  it('takes every key, token and database URL from Secrets and ships no Secret itself', () => {
    const objects = objectsOf(dir);
    expect(byKind(objects, 'Secret')).toEqual([]);
    const config = named(objects, 'ConfigMap', 'kt-config').data ?? {};
    expect(Object.keys(config).filter((key) => /KEY|TOKEN|PASSWORD|SECRET|DATABASE_URL/.test(key))).toEqual(
      [],
    );
    for (const { app } of SERVICES) {
      const container = containerOf(objects, app);
      const volumes = named(objects, 'Deployment', `kt-${app}`).spec?.template?.spec.volumes ?? [];
      for (const env of container.env ?? []) {
        if (env.name.endsWith('_KEY_FILE')) {
          // A key file (pack signing) is a path into a volume of a Secret, never the key itself.
          const mount = container.volumeMounts?.find((m) => env.value?.startsWith(`${m.mountPath}/`));
          const volume = volumes.find((v) => v.name === mount?.name);
          expect(volume?.secret?.secretName, `${app} ${env.name}`).toMatch(/^kt-pack-/);
        } else if (/KEY|TOKEN|PASSWORD|SECRET|DATABASE_URL/.test(env.name)) {
          expect(env.value, `${app} ${env.name}`).toBeUndefined();
          expect(env.valueFrom?.secretKeyRef, `${app} ${env.name}`).toBeDefined();
        }
      }
    }
    const gateway = containerOf(objects, 'gateway').env ?? [];
    for (const key of ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY', 'ANTHROPIC_API_KEY']) {
      expect(gateway.find((env) => env.name === key)?.valueFrom?.secretKeyRef?.name, key).toBe(
        'kt-provider-keys',
      );
    }
    const reporting = containerOf(objects, 'reporting').env ?? [];
    expect(reporting.find((env) => env.name === 'REPORTING_TOKENS')?.valueFrom?.secretKeyRef?.name).toBe(
      'kt-reporting-tokens',
    );
  });

  it('serves the seed pack from a ConfigMap mounted where KT_PACK points', () => {
    const objects = objectsOf(dir);
    const pack = byKind(objects, 'ConfigMap').find((map) => map.metadata.name.startsWith('kt-pack-'));
    const seed = readFileSync(join(REPO_ROOT, 'packs/multi-provider-core.yaml'), 'utf8');
    expect(pack?.data?.['multi-provider-core.yaml']).toBe(seed);
    const kt = named(objects, 'ConfigMap', 'kt-config').data ?? {};
    for (const app of ['gateway', 'prober']) {
      const deployment = named(objects, 'Deployment', `kt-${app}`).spec?.template?.spec;
      const volume = deployment?.volumes?.find((v) => v.configMap?.name === pack?.metadata.name);
      const mount = deployment?.containers[0]?.volumeMounts?.find((m) => m.name === volume?.name);
      expect(kt['KT_PACK'], app).toBe(`${mount?.mountPath}/multi-provider-core.yaml`);
    }
  });

  it('autoscales the gateway (autoscaling/v2) and keeps it available through disruptions', () => {
    const objects = objectsOf(dir);
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'kt-gateway');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'kt-gateway' });
    expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? Infinity);
    expect(named(objects, 'Deployment', 'kt-gateway').spec?.replicas).toBe(hpa.spec?.minReplicas);
    const pdb = named(objects, 'PodDisruptionBudget', 'kt-gateway');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec?.selector?.matchLabels).toEqual(
      named(objects, 'Deployment', 'kt-gateway').spec?.selector?.matchLabels,
    );
  });

  it('points the gateway at the ledger Service for budget headroom leases', () => {
    const objects = objectsOf(dir);
    const url = containerOf(objects, 'gateway').env?.find((env) => env.name === 'KT_LEDGER_URL')?.value;
    const ledger = named(objects, 'Service', 'kt-ledger');
    expect(url).toBe(`http://${ledger.metadata.name}:${ledger.spec?.ports?.[0]?.port}`);
  });

  it('reaches the Kafka of k8s/infra/strimzi from its own namespace and replicates the topics it creates', () => {
    const config = named(objectsOf(dir), 'ConfigMap', 'kt-config').data ?? {};
    const kafka = named(objectsOf('k8s/infra/strimzi'), 'Kafka', 'kt-kafka');
    const listeners = (kafka.spec?.['kafka'] as { listeners: { name: string; port: number }[] }).listeners;
    const plain = listeners.find((listener) => listener.name === 'plain');
    expect(config['KAFKA_BROKERS']).toBe(
      `${kafka.metadata.name}-kafka-bootstrap.${kafka.metadata.namespace}.svc:${plain?.port}`,
    );
    // acks=all needs min.insync.replicas live replicas: topics kt creates must have more.
    const broker = (kafka.spec?.['kafka'] as { config: Record<string, number> }).config;
    const replication = Number(config['KT_TOPIC_REPLICATION_FACTOR']);
    expect(replication).toBe(broker['default.replication.factor']);
    expect(replication).toBeGreaterThan(broker['min.insync.replicas'] ?? Infinity);
  });

  it('runs no more ledger replicas than kt.route-events.v1 has partitions', () => {
    const partitions = topicConfigs().find((topic) => topic.topic === ROUTE_EVENTS_TOPIC)?.numPartitions ?? 0;
    const replicas = named(objectsOf(dir), 'Deployment', 'kt-ledger').spec?.replicas ?? 1;
    expect(replicas).toBeGreaterThanOrEqual(1);
    expect(replicas).toBeLessThanOrEqual(partitions);
  });
});

describe('overlays', () => {
  it('production runs more gateways than dev, with a pinned image tag', () => {
    const replicas = (dir: string): number =>
      named(objectsOf(dir), 'HorizontalPodAutoscaler', 'kt-gateway').spec?.maxReplicas ?? 0;
    expect(replicas('k8s/overlays/production')).toBeGreaterThan(replicas('k8s/overlays/dev'));
    const image = containerOf(objectsOf('k8s/overlays/production'), 'gateway').image ?? '';
    expect(image).toMatch(/:\d+\.\d+\.\d+$/);
    expect(named(objectsOf('k8s/overlays/production'), 'Deployment', 'kt-gateway').metadata.namespace).toBe(
      'kt',
    );
  });
});

describe('k8s/infra', () => {
  it('declares every kt topic as a KafkaTopic with the partitions and configs of topicConfigs()', () => {
    // kustomize orders resources by name, the catalog by flow: compare by topic name.
    const byTopic = (a: { topic?: string }, b: { topic?: string }): number =>
      (a.topic ?? '').localeCompare(b.topic ?? '');
    const topics = byKind(objectsOf('k8s/infra/strimzi'), 'KafkaTopic');
    const declared = topics.map((topic) => ({
      topic: topic.spec?.topicName,
      numPartitions: topic.spec?.partitions,
      config: Object.fromEntries(
        Object.entries(topic.spec?.config ?? {}).map(([key, value]) => [key, String(value)]),
      ),
      cluster: topic.metadata.labels?.['strimzi.io/cluster'],
    }));
    expect(declared.sort(byTopic)).toEqual(
      topicConfigs()
        .map(({ topic, numPartitions, configEntries }) => ({
          topic,
          numPartitions,
          config: Object.fromEntries(configEntries.map(({ name, value }) => [name, value])),
          cluster: 'kt-kafka',
        }))
        .sort(byTopic),
    );
  });

  it('runs Kafka in KRaft mode with separate controller and broker node pools', () => {
    const objects = objectsOf('k8s/infra/strimzi');
    expect(named(objects, 'Kafka', 'kt-kafka').spec).not.toHaveProperty('zookeeper');
    const pools = byKind(objects, 'KafkaNodePool');
    expect(pools.map((pool) => pool.spec?.roles?.join(',')).sort()).toEqual(['broker', 'controller']);
    for (const pool of pools) expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe('kt-kafka');
    // The bootstrap Service Strimzi creates, in the namespace of k8s/infra (the overlays use others).
    const config = named(objectsOf('k8s/base'), 'ConfigMap', 'kt-config').data ?? {};
    expect(config['KAFKA_BROKERS']).toBe('kt-kafka-kafka-bootstrap.kt.svc:9092');
    expect(named(objectsOf('k8s/overlays/dev'), 'Deployment', 'kt-gateway').metadata.namespace).toBe(
      'kt-dev',
    );
  });

  it('requires a SCRAM-SHA-512 login on every Kafka listener and authorizes with ACLs', () => {
    const kafka = named(objectsOf('k8s/infra/strimzi'), 'Kafka', 'kt-kafka').spec?.['kafka'] as {
      listeners: { name: string; authentication?: { type: string } }[];
      authorization?: { type: string };
    };
    expect(kafka.listeners.length).toBeGreaterThan(0);
    for (const listener of kafka.listeners)
      expect(listener.authentication?.type, listener.name).toBe('scram-sha-512');
    expect(kafka.authorization?.type).toBe('simple');
    expect(named(objectsOf('k8s/base'), 'ConfigMap', 'kt-config').data?.['KAFKA_SASL_MECHANISM']).toBe(
      'scram-sha-512',
    );
  });

  it.each(APP_OVERLAYS)(
    "%s: every Kafka listener admits kt's pods only, by a label every kt pod carries",
    (dir) => {
      // Without networkPolicyPeers Strimzi's own NetworkPolicy opens the listener to every pod.
      const kafka = named(objectsOf('k8s/infra/strimzi'), 'Kafka', 'kt-kafka').spec?.['kafka'] as {
        listeners: { name: string; networkPolicyPeers?: Record<string, unknown>[] }[];
      };
      const podLabels = SERVICES.map(
        ({ app }) =>
          (
            named(objectsOf(dir), 'Deployment', `kt-${app}`).spec?.template as
              { metadata?: { labels?: Record<string, string> } } | undefined
          )?.metadata?.labels ?? {},
      );
      expect(kafka.listeners.length).toBeGreaterThan(0);
      for (const listener of kafka.listeners) {
        const peers = listener.networkPolicyPeers ?? [];
        expect(peers.length, listener.name).toBeGreaterThan(0);
        for (const peer of peers) {
          // Pods by label in any namespace: a namespaceSelector alone, or none, would admit whole namespaces.
          expect(peer, listener.name).toEqual({
            namespaceSelector: {},
            podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'kt' } },
          });
        }
        for (const labels of podLabels)
          expect(
            peers.some((peer) =>
              Object.entries(
                (peer['podSelector'] as { matchLabels: Record<string, string> }).matchLabels,
              ).every(([key, value]) => labels[key] === value),
            ),
            `${listener.name} admits ${JSON.stringify(labels)}`,
          ).toBe(true);
      }
    },
  );

  it.each(APP_OVERLAYS)('%s: every service logs in to Kafka as its own KafkaUser', (dir) => {
    const users = byKind(objectsOf('k8s/infra/strimzi'), 'KafkaUser');
    for (const { app } of SERVICES) {
      const user = named(users, 'KafkaUser', `kt-${app}`);
      expect(user.metadata.labels?.['strimzi.io/cluster']).toBe('kt-kafka');
      expect(user.spec?.['authentication']).toEqual({ type: 'scram-sha-512' });
      const env = containerOf(objectsOf(dir), app).env ?? [];
      expect(env.find((e) => e.name === 'KAFKA_SASL_USERNAME')?.value).toBe(user.metadata.name);
      // The User Operator writes the password to a Secret named after the KafkaUser.
      expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
        name: user.metadata.name,
        key: 'password',
      });
    }
  });

  it('lets only reporting write kt.pack-events.v1 and no gateway write packs or budgets', () => {
    const writers = (topic: string): string[] =>
      byKind(objectsOf('k8s/infra/strimzi'), 'KafkaUser')
        .filter((user) => kafkaAcls(user).some((acl) => allowsWrite(acl, topic)))
        .map((user) => user.metadata.name)
        .sort();
    expect(writers(PACK_EVENTS_TOPIC)).toEqual(['kt-reporting']);
    expect(writers(ROUTE_EVENTS_TOPIC)).toEqual(['kt-gateway', 'kt-prober']);
    for (const topic of [BUDGET_EVENTS_TOPIC, BUDGET_STATE_TOPIC])
      expect(writers(topic)).not.toContain('kt-gateway');
  });

  it('lets every service that dead-letters write kt.dead-letter.v1', () => {
    // The gateway's and the prober's publisher hand unpublishable records to the dead-letter topic,
    // the ledger its unappliable ones: a refused Write there would be retried behind every event.
    const mayWrite = (name: string): boolean =>
      kafkaAcls(named(byKind(objectsOf('k8s/infra/strimzi'), 'KafkaUser'), 'KafkaUser', name)).some((acl) =>
        allowsWrite(acl, DEAD_LETTER_TOPIC),
      );
    for (const user of ['kt-gateway', 'kt-prober', 'kt-ledger']) expect(mayWrite(user), user).toBe(true);
  });

  it('grants ACLs only on topics kt has', () => {
    for (const user of byKind(objectsOf('k8s/infra/strimzi'), 'KafkaUser'))
      for (const acl of kafkaAcls(user).filter((a) => a.resource.type === 'topic')) {
        if (acl.resource.patternType === 'prefix') expect(acl.resource.name).toBe('kt.');
        else expect(TOPIC_NAMES as readonly string[], user.metadata.name).toContain(acl.resource.name);
      }
  });

  it('runs PostgreSQL with credentials from Secrets and object-store backups on a schedule', () => {
    const objects = objectsOf('k8s/infra/cloudnative-pg');
    const cluster = named(objects, 'Cluster', 'kt-pg');
    expect(cluster.spec).toMatchObject({
      instances: 3,
      bootstrap: { initdb: { database: 'kt', owner: 'kt', secret: { name: 'kt-pg-app' } } },
      backup: { retentionPolicy: expect.any(String), barmanObjectStore: expect.any(Object) },
    });
    expect(named(objects, 'ScheduledBackup', 'kt-pg-nightly').spec).toMatchObject({
      cluster: { name: 'kt-pg' },
    });
    // Object-store keys are references to a Secret, never values.
    expect(cluster.spec?.['backup']).toMatchObject({
      barmanObjectStore: {
        s3Credentials: {
          accessKeyId: { name: 'kt-pg-backup-s3', key: expect.any(String) },
          secretAccessKey: { name: 'kt-pg-backup-s3', key: expect.any(String) },
        },
      },
    });
  });

  it('marks the secrets file as an example with placeholder values only', () => {
    const text = readFileSync(join(REPO_ROOT, 'k8s/examples/secrets.example.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/EXAMPLE ONLY/);
    const values = parseObjects(text).flatMap((secret) =>
      Object.entries((secret as unknown as { stringData?: Record<string, string> }).stringData ?? {})
        .filter(([key]) => key !== 'username')
        .map(([, value]) => value),
    );
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value, value).toMatch(/example|0{64}/);
    // The database URLs name the namespace of the CloudNativePG Cluster, so every overlay reaches it.
    const pg = named(objectsOf('k8s/infra/cloudnative-pg'), 'Cluster', 'kt-pg').metadata.namespace;
    const urls = values.filter((value) => value.startsWith('postgres://'));
    expect(urls.length).toBe(2);
    for (const url of urls) expect(new URL(url).host, url).toBe(`kt-pg-rw.${pg}.svc:5432`);
  });
});
