import type { DecodeResult } from '../validation/decode.result.js';
import {
  bool,
  fail,
  int,
  oneOf,
  sha256,
  str,
  text,
  textOrNull,
  time,
  WireObject,
} from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import {
  DEAD_LETTER_SCHEMA,
  DEAD_LETTER_STAGES,
  DeadLetterEvent,
  DeadLetterStage,
  RecordDeadLettered,
  VALUE_ENCODINGS,
  ValueEncoding,
} from './dead-letter.event.js';

const ENCODING_SET: ReadonlySet<ValueEncoding> = new Set(VALUE_ENCODINGS);
const STAGE_SET: ReadonlySet<DeadLetterStage> = new Set(DEAD_LETTER_STAGES);
const OFFSET_PATTERN = /^\d+$/;
/** A produce-stage record never got an offset: "-1" is allowed there and only there. */
const PRODUCE_OFFSET_PATTERN = /^(-1|\d+)$/;

/** Decodes a record of `kt.dead-letter.v1`. */
export function decodeDeadLetter(input: WireInput): DecodeResult<DeadLetterEvent> {
  return decodeWith(input, readDeadLetter);
}

function readDeadLetter(o: WireObject): DeadLetterEvent {
  expectSchema(o, DEAD_LETTER_SCHEMA);
  if (o.type !== 'record.dead_lettered') unknownType(o, DEAD_LETTER_SCHEMA);
  const stage = o.stage === undefined ? undefined : oneOf(o, 'stage', '', STAGE_SET);
  const produced = stage === 'produce';
  const offset = str(o, 'offset', '');
  if (!(produced ? PRODUCE_OFFSET_PATTERN : OFFSET_PATTERN).test(offset)) {
    fail('offset', 'a decimal offset string like "42"', offset);
  }
  const event: RecordDeadLettered = {
    schema: DEAD_LETTER_SCHEMA,
    type: 'record.dead_lettered',
    source_topic: str(o, 'source_topic', ''),
    partition: int(o, 'partition', '', produced ? -1 : 0),
    offset,
    key: textOrNull(o, 'key', ''),
    value: text(o, 'value', ''),
    value_encoding: oneOf(o, 'value_encoding', '', ENCODING_SET),
    reason: str(o, 'reason', ''),
    consumer_group: str(o, 'consumer_group', ''),
    failed_at: time(o, 'failed_at', ''),
  };
  return { ...event, ...readOptional(o, stage) };
}

/** The additive fields, each only when present, so older records decode to what they were. */
function readOptional(o: WireObject, stage: DeadLetterStage | undefined): Partial<RecordDeadLettered> {
  const out: { -readonly [K in keyof RecordDeadLettered]?: RecordDeadLettered[K] } = {};
  if (stage !== undefined) out.stage = stage;
  if (o.value_truncated !== undefined) out.value_truncated = bool(o, 'value_truncated', '');
  if (o.value_bytes !== undefined) out.value_bytes = int(o, 'value_bytes', '', 0);
  if (o.value_sha256 !== undefined) out.value_sha256 = sha256(o, 'value_sha256', '');
  return out;
}
