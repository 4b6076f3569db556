import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RouteResponder } from '../http/route.responder.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';

/** Every group name and alias, in OpenAI's list shape: what a client may send as `model`. */
@Controller('v1')
export class ModelsController {
  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly responder: RouteResponder,
  ) {}

  @Get('models')
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const runtime = this.gateway.current;
    try {
      this.responder.authenticate(runtime, request);
    } catch (error) {
      this.responder.refuse(reply, request, 'models', error);
      return;
    }
    void reply.header('x-request-id', this.responder.requestId(request));
    const created = Math.floor(Date.now() / 1000);
    void reply.send({
      object: 'list',
      data: runtime.modelNames.map((id) => ({
        id,
        object: 'model',
        created,
        owned_by: `kt:${runtime.ref.name}`,
      })),
    });
  }
}
