// A forgiving read of the (possibly invalid) document for the cross-checks, so that reference
// errors are reported together with field errors instead of one round later.
import { isPlainObject } from './pack.interpolation.js';
import { parseProviderRef, type ProviderRef } from './pack.vocabulary.js';

export interface Indexed<T> {
  readonly index: number;
  readonly value: T;
}

export interface TargetView {
  readonly index: number;
  readonly id?: string;
  readonly ref?: ProviderRef;
  /** `undefined` when the written weight is not a valid number. */
  readonly weight?: number;
  readonly hasBaseUrl: boolean;
  readonly zeroDataRetention: boolean;
  readonly trainingOptOut: boolean;
  readonly retentionDays?: number;
}

export interface GroupView {
  readonly index: number;
  readonly name?: string;
  readonly aliases: readonly Indexed<string>[];
  readonly fallbackGroup?: string;
  readonly targets: readonly Indexed<string>[];
  readonly requireZeroDataRetention: boolean;
  readonly requireNoTraining: boolean;
  readonly maxRetentionDays?: number;
}

export interface KeyView {
  readonly index: number;
  readonly id?: string;
  readonly sha256?: string;
}

export interface DocumentView {
  readonly targets: readonly TargetView[];
  readonly groups: readonly GroupView[];
  readonly keys: readonly KeyView[];
  readonly circuitBreaker: Readonly<Record<string, unknown>>;
  readonly retry: Readonly<Record<string, unknown>>;
}

export function viewDocument(root: unknown): DocumentView {
  const providers = mapping(mapping(root)['providers']);
  const fallback = mapping(providers['fallback']);
  return {
    targets: list(providers['targets']).map(viewTarget),
    groups: list(providers['model_groups']).map(viewGroup),
    keys: list(mapping(mapping(root)['auth'])['keys']).map((value, index) => {
      const key = mapping(value);
      return { index, id: text(key['id']), sha256: text(key['sha256']) };
    }),
    circuitBreaker: mapping(providers['circuit_breaker']),
    retry: mapping(fallback['retry']),
  };
}

function viewTarget(value: unknown, index: number): TargetView {
  const target = mapping(value);
  const provider = text(target['provider']);
  const policy = mapping(target['data_policy']);
  const weight = target['weight'] === undefined ? 1 : nonNegative(target['weight']);
  return {
    index,
    id: text(target['id']),
    ref: provider === undefined ? undefined : parseProviderRef(provider),
    weight,
    hasBaseUrl: target['base_url'] !== undefined,
    zeroDataRetention: policy['zero_data_retention'] === true,
    trainingOptOut: policy['training_opt_out'] === true,
    retentionDays: nonNegative(policy['retention_days']),
  };
}

function viewGroup(value: unknown, index: number): GroupView {
  const group = mapping(value);
  const policy = mapping(group['data_policy']);
  return {
    index,
    name: text(group['name']),
    aliases: strings(group['aliases']),
    fallbackGroup: text(group['fallback_group']),
    targets: strings(group['targets']),
    requireZeroDataRetention: policy['require_zero_data_retention'] === true,
    requireNoTraining: policy['require_no_training'] === true,
    maxRetentionDays: nonNegative(policy['max_retention_days']),
  };
}

const mapping = (value: unknown): Readonly<Record<string, unknown>> => (isPlainObject(value) ? value : {});
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const nonNegative = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

function strings(value: unknown): readonly Indexed<string>[] {
  return list(value).flatMap((item, index) =>
    typeof item === 'string' && item !== '' ? [{ index, value: item }] : [],
  );
}
