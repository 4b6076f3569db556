export {
  ensureKafkaDownloaded,
  KAFKA_VERSION,
  type KafkaDistribution,
  type KafkaDownloadOptions,
} from './kafka.download.js';
export { startKafka, type RunningKafka, type StartKafkaOptions } from './kafka.server.js';
export type { KafkaSaslSettings, ScramUser } from './kafka.sasl.js';
export { startPostgres, type RunningPostgres, type StartPostgresOptions } from './postgres.server.js';
export { freePort, isPortFree } from './port.probe.js';
export { claimPort, type PortClaim } from './port.claim.js';
export { isAlive } from './process.stop.js';
