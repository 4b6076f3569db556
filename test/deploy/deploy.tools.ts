import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Runs scripts/deploy-tools.sh (fetching into .cache/ on first use), kustomize and kubeconform.

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface DeployTools {
  readonly kubeconform: string;
  /** `kubectl kustomize` or `.cache/bin/kustomize build`, as argv. */
  readonly kustomize: readonly string[];
  readonly kubernetesVersion: string;
  readonly kubernetesSchemas: string;
  readonly crdDirs: readonly string[];
}

export function installDeployTools(): DeployTools {
  const out = execFileSync('bash', ['scripts/deploy-tools.sh'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  const values = new Map(
    out
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const get = (key: string): string => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`scripts/deploy-tools.sh printed no ${key}`);
    return value;
  };
  return {
    kubeconform: get('KUBECONFORM'),
    kustomize: get('KUSTOMIZE').split(' '),
    kubernetesVersion: get('KUBERNETES_VERSION'),
    kubernetesSchemas: get('KUBERNETES_SCHEMAS'),
    crdDirs: get('CRDS').split(':'),
  };
}

/** `kustomize build` of a directory relative to the repository root. */
export function kustomizeBuild(tools: DeployTools, dir: string): string {
  const [command = 'kubectl', ...args] = tools.kustomize;
  return execFileSync(command, [...args, dir], { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' });
}

export interface ResourceResult {
  readonly filename: string;
  readonly kind: string;
  readonly name: string;
  readonly version: string;
  /** statusValid, statusInvalid, statusError, statusSkipped, statusEmpty */
  readonly status: string;
  readonly msg: string;
}

export interface Validation {
  readonly exitCode: number;
  readonly resources: readonly ResourceResult[];
}

/** kubeconform in strict mode against the offline Kubernetes and CRD schemas; nothing skipped. */
export function kubeconform(tools: DeployTools, crdSchemaDir: string, files: readonly string[]): Validation {
  const result = spawnSync(
    tools.kubeconform,
    [
      '-strict',
      '-verbose',
      '-output',
      'json',
      '-kubernetes-version',
      tools.kubernetesVersion,
      '-schema-location',
      `${tools.kubernetesSchemas}/{{ .NormalizedKubernetesVersion }}-local-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      '-schema-location',
      `${crdSchemaDir}/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`,
      ...files,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.error) throw result.error;
  const parsed = JSON.parse(result.stdout) as { resources?: ResourceResult[] };
  return { exitCode: result.status ?? -1, resources: parsed.resources ?? [] };
}
