import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { busClient, type BusClient } from './bus.client.js';
import { LazyProducer } from './lazy.producer.js';

/** A kafkajs client whose producer records calls; `failConnects` connects fail before one succeeds. */
function fakeKafka(failConnects = 0): { kafka: BusClient; calls: string[] } {
  const calls: string[] = [];
  let failures = failConnects;
  const producer = {
    connect: (): Promise<void> => {
      calls.push('connect');
      return failures-- > 0 ? Promise.reject(new Error('broker away')) : Promise.resolve();
    },
    send: ({ topic }: { topic: string }): Promise<unknown[]> => {
      calls.push(`send ${topic}`);
      return Promise.resolve([]);
    },
    disconnect: (): Promise<void> => {
      calls.push('disconnect');
      return Promise.resolve();
    },
  };
  return { kafka: busClient({ producer: () => producer } as unknown as Kafka), calls };
}

describe('LazyProducer', () => {
  it('connects once, on the first send, and disconnects on shutdown', async () => {
    const { kafka, calls } = fakeKafka();
    const producer = new LazyProducer(kafka);
    expect(calls).toEqual([]);
    await producer.send('a', [{ value: '1' }]);
    await producer.send('b', [{ value: '2' }]);
    await producer.onApplicationShutdown();
    expect(calls).toEqual(['connect', 'send a', 'send b', 'disconnect']);
  });

  it('forgets a failed connect so the next send tries again', async () => {
    const { kafka, calls } = fakeKafka(1);
    const producer = new LazyProducer(kafka);
    await expect(producer.send('a', [{ value: '1' }])).rejects.toThrow('broker away');
    await producer.send('a', [{ value: '1' }]);
    expect(calls).toEqual(['connect', 'connect', 'send a']);
  });

  it('does not disconnect a producer that never connected', async () => {
    const { kafka, calls } = fakeKafka();
    await new LazyProducer(kafka).onApplicationShutdown();
    expect(calls).toEqual([]);
  });
});
