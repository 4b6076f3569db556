import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error.js';
import { RequestIdentity } from '../http/request.identity.js';
import { BudgetView } from '../state/budget.view.js';
import { TargetHealth } from '../state/target.health.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { TargetStats } from '../state/target.stats.js';
import { targetsView } from './targets.view.js';

/** `GET /v1/targets`: health, breaker, latency, in-flight and budget status of every target (gateway key required). */
@Controller('v1')
export class TargetsController {
  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly identity: RequestIdentity,
    private readonly stats: TargetStats,
    private readonly health: TargetHealth,
    private readonly budgets: BudgetView,
  ) {}

  @Get('targets')
  list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const runtime = this.gateway.current;
    void reply.header('x-request-id', this.identity.requestId(request));
    const header = request.headers.authorization ?? (request.headers['x-api-key'] as string | undefined);
    if (!runtime.keys.authenticate(header)) {
      const error = new GatewayError('unauthorized', 'Missing or invalid gateway key');
      void reply.status(error.status).send(error.toBody());
      return;
    }
    void reply.send(
      targetsView(
        {
          pack: runtime.pack,
          breakers: runtime.breakers,
          health: this.health,
          latency: this.stats.latency,
          inFlight: this.stats.inFlight,
          budgets: this.budgets,
        },
        Date.now(),
      ),
    );
  }
}
