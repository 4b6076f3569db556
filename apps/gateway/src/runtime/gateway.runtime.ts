import { Inject, Injectable, Logger } from '@nestjs/common';
import { ActivePack } from '@kt/pack';
import { PackRuntime } from './pack.runtime.js';
import { TargetStats } from './target.stats.js';

/**
 * The runtime of the pack in force, rebuilt atomically whenever the active pack is swapped; a
 * request reads `current` once and finishes on that runtime.
 */
@Injectable()
export class GatewayRuntime {
  private readonly logger = new Logger('gateway');
  readonly stats = new TargetStats();
  private runtime: PackRuntime;

  constructor(@Inject(ActivePack) active: ActivePack) {
    this.runtime = this.build(active);
    active.onSwap(() => {
      this.runtime = this.build(active);
      const { name, version, sha256 } = this.runtime.ref;
      this.logger.log(`pack ${name}@${version} (${sha256.slice(0, 12)}) is now in force`);
    });
  }

  get current(): PackRuntime {
    return this.runtime;
  }

  private build(active: ActivePack): PackRuntime {
    return new PackRuntime(active.current, process.env, (targetId, transition) => {
      this.logger.warn(
        `circuit breaker of ${targetId}: ${transition.from} → ${transition.to} (${transition.reason})`,
      );
    });
  }
}
