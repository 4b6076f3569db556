import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayKeyGuard } from '../auth/gateway-key.guard.js';
import { EmbeddingsHandler } from './embeddings.handler.js';

@Controller('v1')
@UseGuards(GatewayKeyGuard)
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsHandler) {}

  @Post('embeddings')
  create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return this.embeddings.handle(request, reply, body);
  }
}
