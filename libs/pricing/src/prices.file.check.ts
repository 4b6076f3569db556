import type { ModelPrice as CatalogModelPrice, Provider } from '@pydantic/genai-prices';
import { toModelPrice } from './catalog.rates.js';
import { secondsOfDay } from './dated.price.js';
import { checkMatchRule, type Fail } from './match.rule.check.js';

// What a prices file must hold so that no lookup can throw: the v2 shape genai-prices'
// `setProviderData` takes, checked down to every field kt reads, with every list and id bounded.

const MAX_PROVIDERS = 500;
const MAX_MODELS_PER_PROVIDER = 2_000;
const MAX_MODELS = 20_000;
const MAX_RULES = 100_000;
const MAX_FALLBACKS = 16;
const MAX_PROVIDER_ID = 100;
const MAX_MODEL_ID = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The providers in `data`, or a call to `fail` with the path of the first problem. */
export function checkProviders(data: unknown, fail: Fail): Provider[] {
  if (!Array.isArray(data) || data.length === 0) fail('(root)', 'expected a non-empty array of providers');
  const providers = data as unknown[];
  if (providers.length > MAX_PROVIDERS) fail('(root)', `more than ${MAX_PROVIDERS} providers`);
  const ids = new Set<string>();
  providers.forEach((provider, p) => {
    const at = `providers[${p}]`;
    if (!isObject(provider)) fail(at, 'expected an object');
    const id = (provider as Record<string, unknown>)['id'];
    if (!isBoundedString(id, MAX_PROVIDER_ID))
      fail(`${at}.id`, `expected a string of 1 to ${MAX_PROVIDER_ID} characters`);
    ids.add(id as string);
  });
  let models = 0;
  let rules = 0;
  (providers as Record<string, unknown>[]).forEach((provider, p) => {
    const at = `providers[${p}]`;
    if (typeof provider['name'] !== 'string') fail(`${at}.name`, 'expected a string');
    checkFallbacks(provider['fallback_model_providers'], `${at}.fallback_model_providers`, ids, fail);
    const list = provider['models'];
    if (!Array.isArray(list)) fail(`${at}.models`, 'expected an array');
    if ((list as unknown[]).length > MAX_MODELS_PER_PROVIDER)
      fail(`${at}.models`, `more than ${MAX_MODELS_PER_PROVIDER} models`);
    models += (list as unknown[]).length;
    if (models > MAX_MODELS) fail(`${at}.models`, `more than ${MAX_MODELS} models in the file`);
    (list as unknown[]).forEach((model, m) => {
      rules += checkModel(model, `${at}.models[${m}]`, fail);
      if (rules > MAX_RULES)
        fail(`${at}.models[${m}].match`, `more than ${MAX_RULES} match rules in the file`);
    });
  });
  return providers as Provider[];
}

/** Optional; when present, a short list of provider ids this file defines. */
function checkFallbacks(value: unknown, at: string, ids: ReadonlySet<string>, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail(at, 'expected an array of provider ids');
  const list = value as unknown[];
  if (list.length > MAX_FALLBACKS) fail(at, `more than ${MAX_FALLBACKS} providers`);
  list.forEach((id, i) => {
    if (typeof id !== 'string' || !ids.has(id))
      fail(`${at}[${i}]`, 'expected the id of a provider in this file');
  });
}

/** Checks one model; returns how many match rules it has. */
function checkModel(model: unknown, at: string, fail: Fail): number {
  if (!isObject(model)) fail(at, 'expected an object');
  const fields = model as Record<string, unknown>;
  if (!isBoundedString(fields['id'], MAX_MODEL_ID))
    fail(`${at}.id`, `expected a string of 1 to ${MAX_MODEL_ID} characters`);
  const rules = checkMatchRule(fields['match'], `${at}.match`, fail);
  const prices = fields['prices'];
  const entries = Array.isArray(prices) ? prices : [{ prices }];
  if (entries.length === 0) fail(`${at}.prices`, 'expected a price or a non-empty list of dated prices');
  entries.forEach((entry: unknown, i) => {
    const path = Array.isArray(prices) ? `${at}.prices[${i}]` : `${at}.prices`;
    if (!isObject(entry)) fail(path, 'expected an object of rates');
    const values = (entry as Record<string, unknown>)['prices'];
    if (!isObject(values)) fail(path, 'expected an object of rates');
    if (Array.isArray(prices))
      checkConstraint((entry as Record<string, unknown>)['constraint'], `${path}.constraint`, fail);
    try {
      toModelPrice(values as CatalogModelPrice);
    } catch (error) {
      fail(path, error instanceof RangeError ? error.message : 'unusable rates');
    }
  });
  return rules;
}

function checkConstraint(constraint: unknown, at: string, fail: Fail): void {
  if (constraint === undefined) return;
  if (!isObject(constraint)) fail(at, 'expected an object');
  const fields = constraint as Record<string, unknown>;
  const date = fields['start_date'];
  if (typeof date === 'string') {
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      fail(`${at}.start_date`, 'expected a date YYYY-MM-DD');
    return;
  }
  const start = fields['start_time'];
  const end = fields['end_time'];
  if (
    typeof start === 'string' &&
    typeof end === 'string' &&
    secondsOfDay(start) !== undefined &&
    secondsOfDay(end) !== undefined
  )
    return;
  fail(at, 'expected {start_date} or {start_time, end_time}');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBoundedString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}
