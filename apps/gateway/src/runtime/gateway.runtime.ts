import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pack } from '@kt/pack';
import { ActivePack } from '@kt/pack-live';
import { unpricedPackTargets } from '@kt/pricing';
import type { BreakerTransition } from '@kt/routing';
import { GATEWAY_SETTINGS, type GatewaySettings } from './gateway.settings.js';
import { PackRuntime } from './pack.runtime.js';

/**
 * The runtime of the pack in force, rebuilt atomically whenever the active pack is swapped; a
 * request reads `current` once and finishes on that runtime.
 * What kt hears or measures of targets and budgets lives in `state/`, injected where it is read.
 */
@Injectable()
export class GatewayRuntime {
  private readonly logger = new Logger('gateway');
  private runtime: PackRuntime;
  private readonly transitionListeners: ((targetId: string, transition: BreakerTransition) => void)[] = [];

  constructor(
    @Inject(ActivePack) active: ActivePack,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {
    this.runtime = this.build(active);
    this.warnUnpriced(active.current);
    active.onSwap(() => {
      this.runtime = this.build(active);
      const { name, version, sha256 } = this.runtime.ref;
      this.logger.log(`pack ${name}@${version} (${sha256.slice(0, 12)}) is now in force`);
      this.warnUnpriced(active.current);
    });
  }

  /** Once per pack load: traffic to these targets is booked as unpriced tokens, never as $0. */
  private warnUnpriced(pack: Pack): void {
    for (const target of unpricedPackTargets(pack)) this.logger.warn(`unpriced target: ${target.text}`);
  }

  get current(): PackRuntime {
    return this.runtime;
  }

  /** Called on every breaker transition of the pack in force (e.g. to share openings with peers). */
  onBreakerTransition(listener: (targetId: string, transition: BreakerTransition) => void): void {
    this.transitionListeners.push(listener);
  }

  private build(active: ActivePack): PackRuntime {
    return new PackRuntime(active.current, this.settings.secrets, (targetId, transition) => {
      this.logger.warn(
        `circuit breaker of ${targetId}: ${transition.from} → ${transition.to} (${transition.reason})`,
      );
      for (const listener of this.transitionListeners) listener(targetId, transition);
    });
  }
}
