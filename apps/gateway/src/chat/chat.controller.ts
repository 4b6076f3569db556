import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayKeyGuard } from '../auth/gateway-key.guard.js';
import { OPENAI_DIALECT } from './chat.dialect.js';
import { ChatHandler } from './chat.handler.js';

@Controller('v1')
@UseGuards(GatewayKeyGuard)
export class ChatController {
  constructor(private readonly chat: ChatHandler) {}

  @Post('chat/completions')
  completions(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
  ): Promise<void> {
    return this.chat.handle(request, reply, body, OPENAI_DIALECT);
  }
}
