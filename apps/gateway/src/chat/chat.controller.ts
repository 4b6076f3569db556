import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChatHandler, OPENAI_DIALECT } from './chat.handler.js';

@Controller('v1')
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
