import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HttpEdgeModule } from '../http/http-edge.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ChatController } from './chat.controller.js';
import { ChatHandler } from './chat.handler.js';
import { ChatStreamer } from './chat.streamer.js';

@Module({
  imports: [AuthModule, HttpEdgeModule, RoutingModule],
  controllers: [ChatController],
  providers: [ChatHandler, ChatStreamer],
  exports: [ChatHandler],
})
export class ChatModule {}
