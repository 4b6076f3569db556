import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MAX_JSON_DEPTH } from '@kt/contracts';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors/gateway.error.js';
import { nestsDeeperThan } from './json-depth.js';

const JSON_TYPE = 'application/json';

/**
 * The gateway's JSON body parser: Fastify's own (size limit, prototype-poisoning checks, empty body
 * refused) behind a nesting-depth check, so a hostile body is a 400 before any handler walks it.
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const parse = fastify.getDefaultJsonParser('error', 'error');
    fastify.removeContentTypeParser(JSON_TYPE);
    fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string' }, (request, body, done) => {
      const text = body as string; // parseAs: 'string'
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        done(
          new GatewayError(
            'invalid_request_error',
            `The request body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
            { refusal: 'too_deep' },
          ),
        );
        return;
      }
      parse(request, text, done);
    });
  }
}
