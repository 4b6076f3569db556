import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChatHandler } from '../chat/chat.handler.js';
import { ANTHROPIC_DIALECT } from './anthropic.dialect.js';

@Controller('v1')
export class MessagesController {
  constructor(private readonly chat: ChatHandler) {}

  @Post('messages')
  messages(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return this.chat.handle(request, reply, body, ANTHROPIC_DIALECT);
  }
}
