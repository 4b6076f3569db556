import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module.js';
import { GatewayKeyGuard } from './gateway-key.guard.js';

/** Gateway keys: the guard in front of every API endpoint (it reads the pack in force's keys). */
@Module({
  imports: [RuntimeModule],
  providers: [GatewayKeyGuard],
  exports: [GatewayKeyGuard, RuntimeModule],
})
export class AuthModule {}
