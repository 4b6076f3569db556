import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ChatModule } from '../chat/chat.module.js';
import { MessagesController } from './messages.controller.js';

/** The Anthropic Messages ingress: chat's pipeline in Anthropic's dialect. */
@Module({ imports: [AuthModule, ChatModule], controllers: [MessagesController] })
export class MessagesModule {}
