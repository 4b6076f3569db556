/** The token of an `Authorization: Bearer <token>` header; undefined for any other shape. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/** The parts of Fastify's request auth reads: the matched route's pattern, never the raw URL. */
export interface RoutedRequest {
  readonly method?: string;
  readonly routeOptions?: { readonly url?: string };
}

/**
 * The pattern of the route the router matched (`/v1/budgets/:id`). The router percent-decodes the
 * path, so `/%761/budgets` reaches the `/v1/budgets` handler while its raw URL does not start with
 * `/v1/`: access is decided by this pattern, and undefined (no match) must be treated as protected.
 */
export function routePattern(request: RoutedRequest): string | undefined {
  return request.routeOptions?.url;
}
