import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';

export interface KafkaNodeSettings {
  readonly port: number;
  readonly controllerPort: number;
  /** Where partitions and KRaft metadata live (`log.dirs`). */
  readonly logDir: string;
  /** Extra or overriding broker settings. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** A single combined broker + controller, set up for one machine. */
export function brokerSettings(s: KafkaNodeSettings): Readonly<Record<string, string>> {
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@localhost:${s.controllerPort}`,
    listeners: `PLAINTEXT://localhost:${s.port},CONTROLLER://localhost:${s.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://localhost:${s.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': s.logDir,
    // One broker: internal topics cannot have more replicas, or groups never find a coordinator.
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'group.initial.rebalance.delay.ms': '0',
    // Topics are created explicitly with their partitions and retention (ensureTopics).
    'auto.create.topics.enable': 'false',
    'num.partitions': '3',
    'num.network.threads': '2',
    'num.io.threads': '4',
    'num.recovery.threads.per.data.dir': '1',
    ...s.overrides,
  };
}

/** Java `.properties` text; only backslashes in values need escaping for kt's paths. */
export function toProperties(entries: Readonly<Record<string, string>>): string {
  return `${Object.entries(entries)
    .map(([key, value]) => `${key}=${value.replaceAll('\\', '\\\\')}`)
    .join('\n')}\n`;
}

/** log4j 1.x (reload4j) configuration: everything to a rolling file, nothing on the console. */
export function log4jSettings(logFile: string): Readonly<Record<string, string>> {
  return {
    'log4j.rootLogger': 'INFO, file',
    'log4j.appender.file': 'org.apache.log4j.RollingFileAppender',
    'log4j.appender.file.File': logFile,
    'log4j.appender.file.MaxFileSize': '20MB',
    'log4j.appender.file.MaxBackupIndex': '3',
    'log4j.appender.file.layout': 'org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern': '[%d] %p %m (%c)%n',
    'log4j.logger.kafka.request.logger': 'WARN',
    'log4j.logger.state.change.logger': 'WARN',
    'log4j.logger.kafka.authorizer.logger': 'WARN',
    'log4j.logger.org.apache.kafka.clients': 'WARN',
  };
}

export interface JvmSettings {
  readonly heapMin: string;
  readonly heapMax: string;
  readonly log4jFile: string;
  readonly logsDir: string;
}

/** The heap and GC of Kafka's own start script, sized for a 2-core machine shared with other services. */
export const DEFAULT_HEAP = { heapMin: '256m', heapMax: '768m' } as const;

export function kafkaJvmArgs(s: JvmSettings): readonly string[] {
  return [
    `-Xms${s.heapMin}`,
    `-Xmx${s.heapMax}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    log4jArg(s.log4jFile),
    `-Dkafka.logs.dir=${s.logsDir}`,
  ];
}

/** Points reload4j at a configuration file (it wants a URL). */
export function log4jArg(log4jFile: string): string {
  return `-Dlog4j.configuration=${pathToFileURL(log4jFile).href}`;
}

/** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (as `kafka-storage random-uuid`). */
/**
 * `kafka-storage format` arguments. The id goes in `--cluster-id=…` form: a base64url id may begin
 * with '-', which the tool's parser would otherwise take for an option and fail on (1 run in 64).
 */
export function storageFormatArgs(clusterId: string, serverFile: string): string[] {
  return ['format', `--cluster-id=${clusterId}`, '--config', serverFile];
}

export function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}
