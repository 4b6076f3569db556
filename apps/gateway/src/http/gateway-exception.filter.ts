import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Endpoint } from '@kt/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANTHROPIC_ERROR_FORMAT } from '../errors/error.formats.js';
import { GatewayError } from '../errors/gateway.error.js';
import { IngressRefuser } from './ingress.refuser.js';

const ENDPOINTS: Readonly<Record<string, Endpoint | 'models'>> = {
  '/v1/chat/completions': 'chat.completions',
  '/v1/embeddings': 'embeddings',
  '/v1/messages': 'messages',
  '/v1/models': 'models',
};

/**
 * Errors raised before a handler runs (body over the limit, unparsable or too deeply nested JSON,
 * unknown route, a refused gateway key): answered in the API's error shape, counted and logged as refusals, and never
 * recorded as route events (nothing was routed, and the ledger takes no stranger's content).
 * Handlers answer their own failures.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  constructor(private readonly refuser: IngressRefuser) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const failure = toGatewayError(exception);
    // The matched pattern, not the raw URL: the router percent-decodes paths before matching them.
    const endpoint = ENDPOINTS[request.routeOptions.url ?? ''];
    // /v1/models routes nothing: only its key refusals are refusals; anything else (a bug) is answered
    // plainly, as on any other route, never counted or logged as a client's refusal.
    if (endpoint === undefined || (endpoint === 'models' && !isRefusal(exception))) {
      if (!reply.sent) void reply.status(failure.status).send(failure.toBody());
      return;
    }
    const format = endpoint === 'messages' ? ANTHROPIC_ERROR_FORMAT : undefined;
    this.refuser.refuse(reply, request, endpoint, failure, format);
  }
}

function isRefusal(exception: unknown): boolean {
  return exception instanceof GatewayError && exception.details.refusal !== undefined;
}

function toGatewayError(exception: unknown): GatewayError {
  if (exception instanceof GatewayError) return exception;
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : ((exception as { statusCode?: number } | null)?.statusCode ?? 500);
  const message = exception instanceof Error ? exception.message : String(exception);
  if (status === 413) {
    return new GatewayError(
      'payload_too_large',
      `The request body is larger than the gateway accepts (${message})`,
      { refusal: 'payload_too_large' },
    );
  }
  if (status === 404)
    return new GatewayError('invalid_request_error', `Unknown route: ${message}`, { status: 404 });
  if (status < 500)
    return new GatewayError('invalid_request_error', `The request body could not be read: ${message}`, {
      refusal: 'unreadable_body',
    });
  return new GatewayError('upstream_error', 'The gateway failed to handle the request');
}
