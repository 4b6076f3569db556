/** One server-sent event; `event` is null for OpenAI's bare `data:` lines. */
export interface SseEvent {
  readonly event: string | null;
  readonly data: string;
}

/**
 * Incremental `text/event-stream` parser (WHATWG rules: `\n`, `\r\n` or `\r` line ends, multi-line
 * data joined by `\n`, comments and unknown fields ignored). Bytes are decoded here so a UTF-8
 * character split across network chunks survives.
 */
export class SseDecoder {
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private event: string | null = null;
  private data: string[] = [];

  /** The events completed by this piece of the body. */
  push(bytes: Uint8Array | string): SseEvent[] {
    this.buffer += typeof bytes === 'string' ? bytes : this.decoder.decode(bytes, { stream: true });
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = nextLineEnd(this.buffer, start);
      if (end === -1) break;
      // A lone trailing `\r` may be the first half of `\r\n`: wait for the next piece.
      if (this.buffer[end] === '\r' && end + 1 === this.buffer.length) break;
      const line = this.buffer.slice(start, end);
      start = end + (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1);
      const event = this.line(line);
      if (event !== null) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** True when bytes of an unfinished event are pending (the body stopped mid-event). */
  get pending(): boolean {
    return this.buffer.length > 0 || this.data.length > 0;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.data.length === 0 ? null : { event: this.event, data: this.data.join('\n') };
    this.event = null;
    this.data = [];
    return event;
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
