import { liveCatalog } from './catalog.source.js';
import type { ModelPrice } from './price.types.js';
import { resolveTargetPrice, type PriceableTarget } from './target.price.js';

/** A pack target, as the unpriced check reads it: in written order, so its index is its path. */
export interface PackTargetPricing extends PriceableTarget {
  readonly id: string;
}

/** A target nothing prices: its traffic would be booked `unpriced` (tokens, no cost). */
export interface UnpricedTarget {
  readonly targetId: string;
  /** `providers.targets[i]`. */
  readonly path: string;
  /** What is missing and which field fixes it, without the path (for `path: message` lists). */
  readonly message: string;
  /** The whole warning: `providers.targets[i] (id): message`. */
  readonly text: string;
}

/**
 * Every target with no price at `at`: no pack `pricing`, no catalog match for `base_model ??
 * model`, and no pack-wide fallback rate. Pure (reads only the live catalog), so `kt pack
 * validate`, `kt up` and the gateway warn with the same words.
 */
export function unpricedTargets(
  targets: readonly PackTargetPricing[],
  options: { readonly fallbackPricing?: ModelPrice; readonly at?: Date } = {},
): UnpricedTarget[] {
  const at = options.at ?? new Date();
  const unpriced: UnpricedTarget[] = [];
  targets.forEach((target, index) => {
    const priced = resolveTargetPrice(
      {
        ...target,
        ...(options.fallbackPricing !== undefined && { fallbackPricing: options.fallbackPricing }),
      },
      at,
    );
    if (priced !== undefined) return;
    const path = `providers.targets[${index}]`;
    const message = `${problem(target)}; ${fix(target, path)}`;
    unpriced.push({ targetId: target.id, path, message, text: `${path} (${target.id}): ${message}` });
  });
  return unpriced;
}

function problem(target: PackTargetPricing): string {
  const subject = `no price for ${target.vendor} "${target.model}"`;
  if (target.baseModel === undefined) return subject;
  const { name, version } = liveCatalog();
  return `${subject}: base_model "${target.baseModel}" is not in ${name} ${version}`;
}

function fix(target: PackTargetPricing, path: string): string {
  if (target.baseModel !== undefined)
    return `correct ${path}.base_model to a model the catalog lists, or set ${path}.pricing`;
  if (target.vendor === 'azure')
    return `set ${path}.base_model to the model the deployment runs, or ${path}.pricing`;
  if (target.vendor === 'openai-compatible')
    return `set ${path}.base_model to "<catalog provider>/<model>" (e.g. "aws/anthropic.claude-sonnet-4-20250514-v1:0"), or ${path}.pricing`;
  return `set ${path}.base_model to the catalog model it runs, or ${path}.pricing`;
}

/** A loaded pack, as far as the unpriced check reads it: its targets and its pack-wide fallback rate. */
export interface PackPricingView {
  readonly targets: readonly PackTargetPricing[];
  readonly pricing: { readonly fallbackRate?: ModelPrice };
}

/** `unpricedTargets` of a whole pack: a target its `pricing.fallback_rate` covers is priced. */
export function unpricedPackTargets(pack: PackPricingView, at?: Date): UnpricedTarget[] {
  const { fallbackRate } = pack.pricing;
  return unpricedTargets(pack.targets, {
    ...(fallbackRate !== undefined && { fallbackPricing: fallbackRate }),
    ...(at !== undefined && { at }),
  });
}
