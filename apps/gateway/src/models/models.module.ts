import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HttpEdgeModule } from '../http/http-edge.module.js';
import { TargetsController } from '../targets/targets.controller.js';
import { ModelsController } from './models.controller.js';

/** What the pack in force offers: its model names, and its targets' state. */
@Module({ imports: [AuthModule, HttpEdgeModule], controllers: [ModelsController, TargetsController] })
export class ModelsModule {}
