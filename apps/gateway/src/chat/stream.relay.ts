import { UpstreamError, type ChatCompletionChunk } from '@kt/providers';
import type { StreamEncoder } from './chat.dialect.js';
import type { DeliveredText } from './delivered.text.js';

/** Where the encoded events go; false once the client has gone. */
export type StreamWrite = (data: string) => Promise<boolean>;

/**
 * Relays the upstream's chunks to the client until either side ends, and returns how it ended:
 * undefined when whole, `aborted` when the client left, else the upstream's failure (already
 * sent to the client as an error event). Every chunk is recorded in `delivered` before it is
 * written: one read but never written (the client left meanwhile) was still billed by the vendor.
 */
export async function relayStream(
  upstream: AsyncIterable<ChatCompletionChunk>,
  write: StreamWrite,
  encoder: StreamEncoder,
  delivered: DeliveredText,
  signal: AbortSignal,
): Promise<UpstreamError | undefined> {
  try {
    for await (const chunk of upstream) {
      delivered.add(chunk);
      if (!(await write(encoder.chunk(chunk)))) break;
    }
    if (signal.aborted) return new UpstreamError('aborted', 'the client went away');
    await write(encoder.end());
    return undefined;
  } catch (error) {
    const failure = error instanceof UpstreamError ? error : new UpstreamError('stream_cut', String(error));
    await write(encoder.error(failure));
    return failure;
  }
}
