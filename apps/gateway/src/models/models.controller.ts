import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayKeyGuard } from '../auth/gateway-key.guard.js';
import { RequestIdentity } from '../http/request.identity.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';

/** Every group name and alias, in OpenAI's list shape: what a client may send as `model`. */
@Controller('v1')
@UseGuards(GatewayKeyGuard)
export class ModelsController {
  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly identity: RequestIdentity,
  ) {}

  @Get('models')
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const runtime = this.gateway.current;
    void reply.header('x-request-id', this.identity.requestId(request));
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
