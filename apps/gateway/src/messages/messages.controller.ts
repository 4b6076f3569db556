import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayKeyGuard } from '../auth/gateway-key.guard.js';
import { ChatHandler } from '../chat/chat.handler.js';
import { ANTHROPIC_DIALECT } from './anthropic.dialect.js';

@Controller('v1')
@UseGuards(GatewayKeyGuard)
export class MessagesController {
  constructor(private readonly chat: ChatHandler) {}

  @Post('messages')
  messages(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return this.chat.handle(request, reply, body, ANTHROPIC_DIALECT);
  }
}
