export { metricsRegistry, setServiceLabel } from './metrics.registry.js';
