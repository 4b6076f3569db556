import { parseAllDocuments } from 'yaml';

// The few fields of rendered manifests the k8s test reads; everything is optional because the
// manifests are input under test, not trusted.

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
    readonly fieldRef?: { readonly fieldPath: string };
  };
}

export interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: string | number };
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name: string } }[];
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly resources?: {
    readonly requests?: Readonly<Record<string, string>>;
    readonly limits?: Readonly<Record<string, string>>;
  };
  readonly securityContext?: {
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly runAsNonRoot?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[] };
  };
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly runAsUser?: number;
    readonly seccompProfile?: { readonly type?: string };
  };
  readonly volumes?: readonly {
    readonly name: string;
    readonly emptyDir?: object;
    readonly configMap?: { readonly name: string };
    readonly secret?: { readonly secretName: string };
  }[];
}

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly data?: Readonly<Record<string, string>>;
  readonly spec?: {
    readonly replicas?: number;
    readonly minReplicas?: number;
    readonly maxReplicas?: number;
    readonly maxUnavailable?: number | string;
    readonly scaleTargetRef?: { readonly kind: string; readonly name: string };
    readonly selector?: { readonly matchLabels?: Readonly<Record<string, string>> };
    readonly template?: { readonly spec: PodSpec };
    readonly ports?: readonly { readonly port: number; readonly targetPort?: string | number }[];
    readonly topicName?: string;
    readonly partitions?: number;
    readonly config?: Readonly<Record<string, string | number | boolean>>;
    readonly roles?: readonly string[];
    readonly [key: string]: unknown;
  };
}

export function parseObjects(yamlText: string): K8sObject[] {
  return parseAllDocuments(yamlText)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export const byKind = (objects: readonly K8sObject[], kind: string): K8sObject[] =>
  objects.filter((object) => object.kind === kind);

export function named(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** A Strimzi KafkaUser ACL rule (spec.authorization.acls[]). */
export interface KafkaAcl {
  readonly type?: 'allow' | 'deny';
  readonly resource: { readonly type: string; readonly name?: string; readonly patternType?: string };
  readonly operations?: readonly string[];
}

export function kafkaAcls(user: K8sObject): readonly KafkaAcl[] {
  return (user.spec?.['authorization'] as { acls?: readonly KafkaAcl[] } | undefined)?.acls ?? [];
}

/** Whether an allow rule lets its principal write `topic`, by literal name, prefix or `*`. */
export function allowsWrite(acl: KafkaAcl, topic: string): boolean {
  if ((acl.type ?? 'allow') !== 'allow' || acl.resource.type !== 'topic') return false;
  const name = acl.resource.name ?? '*';
  const matches =
    name === '*' || (acl.resource.patternType === 'prefix' ? topic.startsWith(name) : name === topic);
  return matches && (acl.operations ?? []).some((op) => op === 'Write' || op === 'All');
}
