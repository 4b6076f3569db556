import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (this file is libs/local-infra/src/infra.paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Downloaded artefacts (git-ignored). */
export const CACHE_DIR = join(REPO_ROOT, '.cache');

/** Local runtime state: data dirs, logs (git-ignored). */
export const STATE_DIR = join(REPO_ROOT, '.kt');

export const KAFKA_POM = join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');
