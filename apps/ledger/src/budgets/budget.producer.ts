import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, LazyProducer, type BusClient } from '@kt/bus';

/** The ledger's budget producer: connected on first use, every send acknowledged by all replicas. */
@Injectable()
export class BudgetProducer extends LazyProducer implements OnApplicationShutdown {
  constructor(@Inject(KAFKA) kafka: BusClient) {
    super(kafka);
  }
}
