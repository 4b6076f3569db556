import { describe, expect, it } from 'vitest';
import { KafkaJSError, KafkaJSProtocolError } from '../kafka.runtime.js';
import { classifySendError } from './send.errors.js';
import { DeadlineError } from './loop.wakeup.js';

// kafkajs' constructors take more than its typings admit (the error type, a cause).
type Loose = new (e: unknown, meta?: unknown) => Error;

const protocol = (type: string, retriable = false): Error =>
  new (KafkaJSProtocolError as unknown as Loose)({
    message: `broker says ${type}`,
    type,
    code: 1,
    retriable,
  });

// What kafkajs' retrier throws around the broker's error.
const wrapped = (cause: Error, name: string): Error =>
  Object.assign(new (KafkaJSError as unknown as Loose)(cause, { retriable: false, cause }), { name });

describe('classifySendError', () => {
  it.each([
    'MESSAGE_TOO_LARGE',
    'RECORD_LIST_TOO_LARGE',
    'INVALID_RECORD',
    'CORRUPT_MESSAGE',
    'INVALID_TIMESTAMP',
  ])('%s is the record’s fault, however deep kafkajs wraps it', (type) => {
    const expected = { kind: 'record', reason: type };
    expect(classifySendError(protocol(type))).toEqual(expected);
    expect(classifySendError(wrapped(protocol(type), 'KafkaJSNonRetriableError'))).toEqual(expected);
    expect(
      classifySendError(wrapped(wrapped(protocol(type), 'KafkaJSNumberOfRetriesExceeded'), 'X')),
    ).toEqual(expected);
  });

  it('finds a per-record error among the partitions of an aggregate', () => {
    const aggregate = Object.assign(new Error('several'), {
      name: 'KafkaJSAggregateError',
      errors: [protocol('NOT_LEADER_FOR_PARTITION', true), protocol('MESSAGE_TOO_LARGE')],
    });
    expect(classifySendError(aggregate)).toEqual({ kind: 'record', reason: 'MESSAGE_TOO_LARGE' });
  });

  it.each([
    ['a leader move', protocol('NOT_LEADER_FOR_PARTITION', true), 'NOT_LEADER_FOR_PARTITION'],
    ['a missing topic', protocol('UNKNOWN_TOPIC_OR_PARTITION', true), 'UNKNOWN_TOPIC_OR_PARTITION'],
    [
      'a dead broker',
      Object.assign(new Error('ECONNREFUSED'), { name: 'KafkaJSConnectionError' }),
      'KafkaJSConnectionError',
    ],
    ['a send past its deadline', new DeadlineError('slow'), 'DeadlineError'],
    ['a thrown string', 'what', 'Error'],
  ])('%s is transient: retried without loss', (_name, error, reason) => {
    expect(classifySendError(error)).toEqual({ kind: 'transient', reason });
  });

  it('tells a refused authorisation apart: retried for events, the local file for a dead letter', () => {
    const expected = { kind: 'denied', reason: 'TOPIC_AUTHORIZATION_FAILED' };
    expect(classifySendError(protocol('TOPIC_AUTHORIZATION_FAILED'))).toEqual(expected);
    expect(
      classifySendError(wrapped(protocol('TOPIC_AUTHORIZATION_FAILED'), 'KafkaJSNonRetriableError')),
    ).toEqual(expected);
  });

  it('keeps the reason a bounded label', () => {
    const odd = Object.assign(new Error('x'), { name: 'has spaces and ${VARS}' });
    expect(classifySendError(odd)).toEqual({ kind: 'transient', reason: 'Error' });
  });
});
