import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per process, labelled with the service name, so every kt service exposes
 * the same default process metrics plus its own under the `kt_` prefix.
 */
let registry: Registry | undefined;

export function metricsRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'kt_' });
  }
  return registry;
}

export function setServiceLabel(service: string): void {
  metricsRegistry().setDefaultLabels({ service });
}
