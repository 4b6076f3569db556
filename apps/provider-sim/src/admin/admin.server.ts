import Fastify, { type FastifyInstance } from 'fastify';
import type { FaultSpec } from '../faults/fault.model.js';
import { formatFaultSpec, type Parsed } from '../faults/fault.parser.js';
import type { SimStats } from '../stats/request.stats.js';
import { isVendor, VENDORS, type Vendor } from '../vendor.model.js';

/** What the admin API may do to the running simulators. */
export interface SimControl {
  faults(vendor: Vendor): FaultSpec;
  applyFaults(vendor: Vendor, input: unknown): Promise<Parsed<FaultSpec>>;
  reset(): Promise<void>;
  stats(): SimStats;
}

/**
 * The admin API, on its own port so it stays reachable while a vendor is "down":
 * `GET /healthz`, `GET /_sim/faults[/{vendor}]`, `PUT /_sim/faults/{vendor}` (replaces the spec),
 * `POST /_sim/reset` (start-up faults back, stats zeroed), `GET /_sim/stats`.
 */
export function adminServer(control: SimControl): FastifyInstance {
  const app = Fastify({ logger: false, return503OnClosing: false });
  const unknownVendor = (vendor: string): { error: string } => ({
    error: `unknown vendor "${vendor}" (expected one of ${VENDORS.join(', ')})`,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/_sim/stats', async () => control.stats());
  app.get('/_sim/faults', async () =>
    Object.fromEntries(VENDORS.map((v) => [v, formatFaultSpec(control.faults(v))])),
  );
  app.get<{ Params: { vendor: string } }>('/_sim/faults/:vendor', async (request, reply) => {
    const { vendor } = request.params;
    return isVendor(vendor)
      ? formatFaultSpec(control.faults(vendor))
      : reply.code(404).send(unknownVendor(vendor));
  });
  app.put<{ Params: { vendor: string } }>('/_sim/faults/:vendor', async (request, reply) => {
    const { vendor } = request.params;
    if (!isVendor(vendor)) return reply.code(404).send(unknownVendor(vendor));
    const applied = await control.applyFaults(vendor, request.body);
    return applied.ok ? formatFaultSpec(applied.value) : reply.code(400).send({ errors: applied.errors });
  });
  app.post('/_sim/reset', async (_request, reply) => {
    await control.reset();
    return reply.code(204).send();
  });
  return app;
}
