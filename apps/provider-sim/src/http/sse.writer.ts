import type { ServerResponse } from 'node:http';

/** Formats one server-sent event; `event` is omitted for OpenAI's bare `data:` lines. */
export function sseEvent(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

/** The first event cut in the middle of its JSON, as a broken upstream would send it. */
export function breakFirstEvent(events: readonly string[]): readonly string[] {
  const [first, ...rest] = events;
  if (first === undefined) return events;
  return [`${first.slice(0, Math.ceil(first.length / 2))}\n\n`, ...rest];
}

/**
 * Writes a whole stream in one go (the simulator has nothing to wait for between chunks). With
 * `cutAfter`, only that many events go out, then the socket is destroyed once they are flushed,
 * so the client sees a chunked response that never terminates properly.
 */
export function writeSse(
  res: ServerResponse,
  headers: Record<string, string>,
  events: readonly string[],
  cutAfter: number | null,
): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  if (cutAfter === null || cutAfter >= events.length) {
    res.end(events.join(''));
    return;
  }
  // An SSE comment when nothing may be sent, so the headers still leave before the cut.
  const head = cutAfter === 0 ? ': sim\n\n' : events.slice(0, cutAfter).join('');
  res.write(head, () => res.destroy());
}

/**
 * Sends the first `stallAfter` events, then nothing: the reply never ends, as an upstream that
 * stalls mid-answer. `onClientClose` runs when the client gives up and closes the connection,
 * which is how a test sees that a gateway really cancelled the upstream request.
 */
export function writeStalledSse(
  res: ServerResponse,
  headers: Record<string, string>,
  events: readonly string[],
  stallAfter: number,
  onClientClose: () => void,
): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  res.once('close', onClientClose);
  res.write(stallAfter === 0 ? ': sim\n\n' : events.slice(0, stallAfter).join(''));
}
