import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface ScriptedServer {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Whether the socket that carried request `index` is still open. */
  requestSocketOpen(index: number): boolean;
  close(): Promise<void>;
}

/**
 * A bare HTTP server whose answer is a script, for what the simulators never do: hold a stream
 * open mid-way, keep a response open after its terminal event, or show what was sent upstream.
 */
export async function startScriptedServer(
  script: (res: ServerResponse, request: RecordedRequest) => void,
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const requestSockets: Socket[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text === '' ? null : (JSON.parse(text) as unknown),
      };
      requests.push(request);
      requestSockets.push(req.socket);
      script(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestSocketOpen: (index) => {
      const socket = requestSockets[index];
      return socket !== undefined && !socket.destroyed;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  // Node holds headers back until the first body write; a stream's headers go out at once.
  res.flushHeaders();
}

export function openAIChunk(content: string, finish: string | null = null): string {
  const chunk = {
    id: 'chatcmpl-s',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'scripted-model',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export function anthropicEvent(type: string, body: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

export async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
