import type { DecodeResult } from '../validation/decode.result.js';
import { oneOf, str, text, time, uuid, WireObject } from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import { readPackRef } from './pack-ref.contract.js';
import { readPackSignature } from './pack-signature.contract.js';
import { PACK_SCHEMA, PACK_SOURCES, PackEvent, PackSource } from './pack.event.js';

const SOURCE_SET: ReadonlySet<PackSource> = new Set(PACK_SOURCES);

/** Decodes a record of `kt.pack-events.v1`. */
export function decodePackEvent(input: WireInput): DecodeResult<PackEvent> {
  return decodeWith(input, readPackEvent);
}

function readPackEvent(o: WireObject): PackEvent {
  expectSchema(o, PACK_SCHEMA);
  if (o.type !== 'pack.applied') unknownType(o, PACK_SCHEMA);
  const signature = readPackSignature(o, 'signature', '');
  return {
    schema: PACK_SCHEMA,
    type: 'pack.applied',
    event_id: uuid(o, 'event_id', ''),
    occurred_at: time(o, 'occurred_at', ''),
    pack: readPackRef(o, 'pack', ''),
    applied_by: str(o, 'applied_by', ''),
    content: text(o, 'content', ''),
    source: oneOf(o, 'source', '', SOURCE_SET),
    ...(signature === undefined ? {} : { signature }),
  };
}
