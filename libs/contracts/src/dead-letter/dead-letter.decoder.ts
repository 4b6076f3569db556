import type { DecodeResult } from '../validation/decode.result.js';
import { fail, int, oneOf, str, text, textOrNull, time, WireObject } from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import { DEAD_LETTER_SCHEMA, DeadLetterEvent, VALUE_ENCODINGS, ValueEncoding } from './dead-letter.event.js';

const ENCODING_SET: ReadonlySet<ValueEncoding> = new Set(VALUE_ENCODINGS);
const OFFSET_PATTERN = /^\d+$/;

/** Decodes a record of `kt.dead-letter.v1`. */
export function decodeDeadLetter(input: WireInput): DecodeResult<DeadLetterEvent> {
  return decodeWith(input, readDeadLetter);
}

function readDeadLetter(o: WireObject): DeadLetterEvent {
  expectSchema(o, DEAD_LETTER_SCHEMA);
  if (o.type !== 'record.dead_lettered') unknownType(o, DEAD_LETTER_SCHEMA);
  const offset = str(o, 'offset', '');
  if (!OFFSET_PATTERN.test(offset)) fail('offset', 'a decimal offset string like "42"', offset);
  return {
    schema: DEAD_LETTER_SCHEMA,
    type: 'record.dead_lettered',
    source_topic: str(o, 'source_topic', ''),
    partition: int(o, 'partition', '', 0),
    offset,
    key: textOrNull(o, 'key', ''),
    value: text(o, 'value', ''),
    value_encoding: oneOf(o, 'value_encoding', '', ENCODING_SET),
    reason: str(o, 'reason', ''),
    consumer_group: str(o, 'consumer_group', ''),
    failed_at: time(o, 'failed_at', ''),
  };
}
