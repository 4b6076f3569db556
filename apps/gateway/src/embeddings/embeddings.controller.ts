import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EmbeddingsHandler } from './embeddings.handler.js';

@Controller('v1')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsHandler) {}

  @Post('embeddings')
  create(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return this.embeddings.handle(request, reply, body);
  }
}
