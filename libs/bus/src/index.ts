export {
  CLIENT_RETRY,
  CLIENT_TIMEOUTS,
  CONSUMER_TIMEOUTS,
  DEFAULT_BROKERS,
  DEFAULT_CLIENT_ID,
  parseBrokers,
  type BusClientOptions,
} from './bus.config.js';
export {
  KafkaSecurityConfigError,
  SASL_MECHANISMS,
  kafkaSecurityFromEnv,
  type KafkaSaslCredentials,
  type KafkaSecurity,
  type SaslMechanism,
} from './kafka.security.js';
export { createKafka } from './kafka.factory.js';
export { checkKafka } from './kafka.check.js';
export { ensureTopics, type EnsureTopicsResult, type TopicSpec } from './topics.ensure.js';
export { createProducer, type BusProducer, type BusProducerOptions } from './event.producer.js';
export { LazyProducer } from './lazy.producer.js';
export {
  startBatchConsumer,
  type BatchConsumer,
  type BatchConsumerOptions,
  type GroupAssignment,
} from './batch.consumer.js';
export { followTopic, type FollowOptions, type TopicFollower } from './topic.follower.js';
export { BusModule, KAFKA, type BusModuleOptions } from './bus.module.js';
export { describeKafkaError } from './kafka.errors.js';
export type { BusClient } from './bus.client.js';
export type * from './bus.types.js';
export { EventPublisher, type CloseOptions, type PublisherStats } from './publisher/event.publisher.js';
export { servicePublisher, spoolCheck, type ServicePublisherOptions } from './publisher/service.publisher.js';
export {
  PUBLISHER_CLIENT_RETRY,
  defaultSpoolDir,
  type EventPublisherOptions,
  type PublisherState,
} from './publisher/publisher.config.js';
export type { PublishRecord } from './publisher/publish.record.js';
export { KAFKA_DEFAULT_MAX_MESSAGE_BYTES, RecordLimits, type LimitCheck } from './publisher/record.limits.js';
export { classifySendError, type SendFailure } from './publisher/send.errors.js';
export { registerPublisherMetrics } from './publisher/publisher.metrics.js';
export {
  DEFAULT_SPOOL_MAX_AGE_SECONDS,
  spoolMaxAgeMs,
  spoolAgeGatesReadiness,
  spoolReadiness,
  type SpoolAge,
} from './publisher/spool.readiness.js';
export { highWatermarks, replayTopic, type ReplayBatch, type Watermarks } from './topic.replay.js';
export { offsetsForTime } from './topic.offsets-by-time.js';
export { replayRange, type RangeReplayOptions } from './topic.range-replay.js';
export { topicId } from './topic.id.js';
export { partitionCount, type PartitionCountOptions } from './topic.partitions.js';
export { topicWatermarks } from './topic.replay.js';
