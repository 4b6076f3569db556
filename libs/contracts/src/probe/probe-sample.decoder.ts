import { ATTEMPT_ERROR_KINDS } from '../route/route.event.js';
import type { DecodeResult } from '../validation/decode.result.js';
import {
  bool,
  fail,
  int,
  num,
  obj,
  oneOf,
  oneOfOrNull,
  str,
  time,
  WireObject,
} from '../validation/field.reader.js';
import { decodeWith, expectSchema, unknownType, WireInput } from '../validation/payload.decoder.js';
import { PROBE_KINDS, PROBE_SCHEMA, ProbeErrorKind, ProbeEvent, ProbeKind } from './probe-sample.event.js';

const KIND_SET: ReadonlySet<ProbeKind> = new Set(PROBE_KINDS);
const ERROR_KIND_SET: ReadonlySet<ProbeErrorKind> = new Set<ProbeErrorKind>([
  ...ATTEMPT_ERROR_KINDS,
  'unavailable',
]);

/** Decodes a record of `kt.probe-samples.v1`. */
export function decodeProbeSample(input: WireInput): DecodeResult<ProbeEvent> {
  return decodeWith(input, readProbeSample);
}

function readProbeSample(o: WireObject): ProbeEvent {
  expectSchema(o, PROBE_SCHEMA);
  if (o.type !== 'probe.sampled') unknownType(o, PROBE_SCHEMA);
  const prober = obj(o, 'prober', '');
  const facts = {
    schema: PROBE_SCHEMA,
    type: 'probe.sampled',
    sample_id: str(o, 'sample_id', ''),
    observed_at: time(o, 'observed_at', ''),
    target: str(o, 'target', ''),
    provider: str(o, 'provider', ''),
    kind: oneOf(o, 'kind', '', KIND_SET),
    latency_ms: num(o, 'latency_ms', '', 0),
    status: int(o, 'status', '', 0, 599),
    prober: { instance_id: str(prober, 'instance_id', 'prober.') },
  } as const;
  if (bool(o, 'ok', '')) {
    if (o.error_kind !== null) fail('error_kind', 'null when ok is true', o.error_kind);
    return { ...facts, ok: true, error_kind: null };
  }
  const errorKind = oneOfOrNull(o, 'error_kind', '', ERROR_KIND_SET);
  if (errorKind === null) fail('error_kind', 'an error kind when ok is false', null);
  return { ...facts, ok: false, error_kind: errorKind };
}
