import type { GroupDataPolicy, TargetDataPolicy } from '@kt/pack';

/** What a request (its `x-kt-data-policy` header plus its group's policy) demands of a target. */
export type DataPolicyRequirement = GroupDataPolicy;

export const NO_REQUIREMENT: DataPolicyRequirement = {
  requireZeroDataRetention: false,
  requireNoTraining: false,
};

export type RequirementResult =
  | { readonly ok: true; readonly requirement: DataPolicyRequirement }
  | { readonly ok: false; readonly message: string };

/** Far more than every requirement at once; a longer header is refused before it is split. */
export const MAX_DATA_POLICY_HEADER_LENGTH = 256;

/** An echoed value is the client's own, but it lands in answers and logs: only a short, plain word. */
const ECHOABLE = /^[a-z0-9=_.-]{1,32}$/;

const EXPECTED = 'expected zdr, no-training or max-retention=<days>';

/** Reads `zdr`, `no-training`, `max-retention=<days>` (comma separated, case-insensitive). */
export function parseDataPolicyHeader(header: string | undefined): RequirementResult {
  if (header !== undefined && header.length > MAX_DATA_POLICY_HEADER_LENGTH) {
    return {
      ok: false,
      message: `x-kt-data-policy: longer than ${MAX_DATA_POLICY_HEADER_LENGTH} characters (${EXPECTED})`,
    };
  }
  let requireZeroDataRetention = false;
  let requireNoTraining = false;
  let maxRetentionDays: number | undefined;
  for (const raw of (header ?? '').split(',')) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    if (item === 'zdr' || item === 'zero-data-retention') requireZeroDataRetention = true;
    else if (item === 'no-training') requireNoTraining = true;
    else if (item.startsWith('max-retention=')) {
      const value = item.slice('max-retention='.length);
      const days = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(days)) {
        return {
          ok: false,
          message: `x-kt-data-policy: max-retention must be a whole number of days${gotten(value)}`,
        };
      }
      maxRetentionDays = Math.min(days, maxRetentionDays ?? days);
    } else {
      return {
        ok: false,
        message: `x-kt-data-policy: unknown requirement${quoted(item)} (${EXPECTED})`,
      };
    }
  }
  const requirement = { requireZeroDataRetention, requireNoTraining };
  return {
    ok: true,
    requirement: maxRetentionDays === undefined ? requirement : { ...requirement, maxRetentionDays },
  };
}

function quoted(value: string): string {
  return ECHOABLE.test(value) ? ` "${value}"` : '';
}

function gotten(value: string): string {
  return ECHOABLE.test(value) ? `, got "${value}"` : '';
}

/** The stricter of two requirements (a group's and a request's). */
export function combineRequirements(
  a: DataPolicyRequirement,
  b: DataPolicyRequirement,
): DataPolicyRequirement {
  const days = [a.maxRetentionDays, b.maxRetentionDays].filter((d): d is number => d !== undefined);
  const combined = {
    requireZeroDataRetention: a.requireZeroDataRetention || b.requireZeroDataRetention,
    requireNoTraining: a.requireNoTraining || b.requireNoTraining,
  };
  return days.length === 0 ? combined : { ...combined, maxRetentionDays: Math.min(...days) };
}

export function isRequired(requirement: DataPolicyRequirement): boolean {
  return (
    requirement.requireZeroDataRetention ||
    requirement.requireNoTraining ||
    requirement.maxRetentionDays !== undefined
  );
}

/** Does a target's promise meet it? As the pack loader judges: zero data retention meets any retention limit. */
export function complies(policy: TargetDataPolicy, requirement: DataPolicyRequirement): boolean {
  if (requirement.requireZeroDataRetention && !policy.zeroDataRetention) return false;
  if (requirement.requireNoTraining && !policy.trainingOptOut) return false;
  if (requirement.maxRetentionDays !== undefined && !policy.zeroDataRetention) {
    if (policy.retentionDays === undefined || policy.retentionDays > requirement.maxRetentionDays)
      return false;
  }
  return true;
}

/** Names the requirement for error messages, e.g. "zero data retention, retention ≤ 30 days". */
export function describeRequirement(requirement: DataPolicyRequirement): string {
  const parts: string[] = [];
  if (requirement.requireZeroDataRetention) parts.push('zero data retention');
  if (requirement.requireNoTraining) parts.push('no training on the data');
  if (requirement.maxRetentionDays !== undefined)
    parts.push(`retention ≤ ${requirement.maxRetentionDays} days`);
  return parts.join(', ');
}
