import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HttpEdgeModule } from '../http/http-edge.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { EmbeddingsController } from './embeddings.controller.js';
import { EmbeddingsHandler } from './embeddings.handler.js';

@Module({
  imports: [AuthModule, HttpEdgeModule, RoutingModule],
  controllers: [EmbeddingsController],
  providers: [EmbeddingsHandler],
})
export class EmbeddingsModule {}
