// Where the `kt` commands find their services and credentials when no flag or variable names them:
// a profile file that `kt up` writes for the local suite (mode 0600). Precedence everywhere is
// flag > environment variable > profile > built-in default.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliEnv } from './cli.settings.js';

/** What a profile may hold; every field is optional. */
export interface CliProfile {
  readonly ledger_url?: string;
  /** Presented to the ledger's budget and admin API (an admin credential under `kt up`). */
  readonly ledger_token?: string;
  readonly reporting_url?: string;
  /** Presented to reporting (finance or admin). */
  readonly reporting_token?: string;
  /** Who wrote the file, e.g. `kt up --data-dir .kt/up`. */
  readonly written_by?: string;
}

const FIELDS = ['ledger_url', 'ledger_token', 'reporting_url', 'reporting_token', 'written_by'] as const;
const MAX_BYTES = 64 * 1024;

/** `$KT_CONFIG_DIR/profile.json`, else `$XDG_CONFIG_HOME/kt/profile.json`, else `~/.config/kt/profile.json`. */
export function profilePath(env: CliEnv): string {
  if (env.KT_CONFIG_DIR) return join(env.KT_CONFIG_DIR, 'profile.json');
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'kt', 'profile.json');
}

/**
 * The profile, or an empty one when there is none. A file that is not a JSON object of strings is
 * ignored (its contents are never echoed: it holds credentials).
 */
export function readProfile(env: CliEnv): CliProfile {
  let text: string;
  try {
    text = readFileSync(profilePath(env), 'utf8');
  } catch {
    return {};
  }
  if (text.length > MAX_BYTES) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const profile: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value === 'string' && value !== '') profile[field] = value;
  }
  return profile;
}

/** Writes the profile atomically with mode 0600 (its folder 0700 when created). */
export function writeProfile(profile: CliProfile, env: CliEnv): string {
  const path = profilePath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}
