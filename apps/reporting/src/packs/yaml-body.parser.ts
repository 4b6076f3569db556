import { Inject, Injectable, PayloadTooLargeException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';

export const YAML_CONTENT_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'] as const;

/**
 * The largest pack text `POST /v1/packs` takes: the seed pack is 1 KB, a pack of hundreds of targets
 * some 100 KB. The service's 10 MiB body limit is for other routes; a pack is parsed, checked and
 * published whole, so its own cap is much lower.
 */
export const MAX_PACK_BODY_BYTES = 1024 * 1024;

type Done = (error: Error | null, body?: unknown) => void;

interface FastifyLike {
  hasContentTypeParser(type: string): boolean;
  addContentTypeParser(
    type: string,
    parser: (request: { headers: IncomingMessage['headers'] }, payload: IncomingMessage, done: Done) => void,
  ): void;
}

/** Lets `POST /v1/packs` take the pack's YAML text as the raw body (Fastify parses only JSON and text by default). */
@Injectable()
export class YamlBodyParser implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyLike>();
    for (const type of YAML_CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, (request, payload, done) => readYamlBody(request.headers, payload, done));
    }
  }
}

/** The body as text, refused with a 413 naming the cap as soon as it is known to exceed it. */
function readYamlBody(headers: IncomingMessage['headers'], payload: IncomingMessage, done: Done): void {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_PACK_BODY_BYTES) {
    payload.resume();
    done(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: Error | null, body?: string): void => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  payload.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_PACK_BODY_BYTES) settle(tooLarge());
    else chunks.push(chunk);
  });
  payload.on('end', () => settle(null, Buffer.concat(chunks).toString('utf8')));
  payload.on('error', (error) => settle(error));
}

function tooLarge(): PayloadTooLargeException {
  return new PayloadTooLargeException({
    error: {
      type: 'invalid_request_error',
      code: 'body_too_large',
      message: `the pack body is larger than ${MAX_PACK_BODY_BYTES} bytes (1 MiB), the limit of POST /v1/packs`,
    },
  });
}
