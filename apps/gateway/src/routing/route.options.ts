import type { DataPolicyRequirement } from './data-policy.requirement.js';

/** What the request itself asks of routing. */
export interface RouteOptions {
  /** From the `x-kt-data-policy` header; the group's own policy is added to it. */
  readonly dataPolicy?: DataPolicyRequirement;
  /** The prompt's semantic route (semantic groups only): a target to try first, or a group to plan with. */
  readonly semantic?: { readonly route: string; readonly target?: string; readonly group?: string };
}
