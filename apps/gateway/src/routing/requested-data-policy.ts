import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors/gateway.error.js';
import { parseDataPolicyHeader, type DataPolicyRequirement } from './data-policy.requirement.js';

export const DATA_POLICY_HEADER = 'x-kt-data-policy';

/** The request's `x-kt-data-policy` requirement; a malformed header is a 400 naming it. */
export function requestedDataPolicy(headers: IncomingHttpHeaders): DataPolicyRequirement {
  const raw = headers[DATA_POLICY_HEADER];
  const result = parseDataPolicyHeader(Array.isArray(raw) ? raw.join(',') : raw);
  if (!result.ok)
    throw new GatewayError('invalid_request_error', result.message, { param: DATA_POLICY_HEADER });
  return result.requirement;
}
