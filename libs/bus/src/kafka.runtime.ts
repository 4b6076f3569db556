// kafkajs is CommonJS and Node exposes only some of its exports as named ESM imports, so the
// runtime values are taken from the default export in this one place.
import kafkajs from 'kafkajs';

export const {
  Kafka,
  logLevel,
  Partitioners,
  ConfigResourceTypes,
  KafkaJSError,
  KafkaJSProtocolError,
  AclResourceTypes,
  AclOperationTypes,
  AclPermissionTypes,
  ResourcePatternTypes,
} = kafkajs;
