import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Max, Min } from 'class-validator';
import { MAX_IDENTIFIER_CHARS } from '@kt/contracts';

/** The prober's settings, validated once at boot (`main.ts`). */
export class ProberEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PROBER_PORT: number = 41005;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'KT_PACK must name the pack file whose targets are probed' })
  KT_PACK: string = '';

  /** Where samples wait while Kafka is unreachable; each instance needs its own (not the gateway's `KT_SPOOL_DIR`). */
  @IsOptional()
  @IsString()
  PROBER_SPOOL_DIR?: string;

  /** Names this instance in samples; defaults to host and pid. */
  @IsOptional()
  @IsString()
  // The route-event decoder caps instance_id; a longer one would dead-letter every event of this instance.
  @MaxLength(MAX_IDENTIFIER_CHARS, { message: `expected at most ${MAX_IDENTIFIER_CHARS} characters` })
  KT_INSTANCE_ID?: string;

  /** The consumer group prober instances share to split the targets; one per kt installation. */
  @IsString()
  @IsNotEmpty()
  KT_PROBER_GROUP: string = 'kt-prober';

  /** Replication factor of the topics this service creates when missing; unset = the broker's default. */
  @IsOptional()
  @IsInt()
  @Min(1)
  KT_TOPIC_REPLICATION_FACTOR?: number;
}
