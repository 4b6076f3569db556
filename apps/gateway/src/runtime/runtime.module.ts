import { Module } from '@nestjs/common';
import { StateModule } from '../state/state.module.js';
import { GatewayRuntime } from './gateway.runtime.js';

/** The pack in force (rebuilt on swap), with the live state its users read beside it. */
@Module({
  imports: [StateModule],
  providers: [GatewayRuntime],
  exports: [GatewayRuntime, StateModule],
})
export class RuntimeModule {}
