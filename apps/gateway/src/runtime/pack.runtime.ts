import type { PackRef } from '@kt/contracts';
import type { ModelGroup, Pack, Target } from '@kt/pack';
import {
  CircuitBreakerRegistry,
  createRouteTable,
  type BreakerTransition,
  type RouteTable,
} from '@kt/routing';
import { GatewayKeyStore } from './gateway-key.store.js';

/**
 * Everything the hot path derives from one pack, built once when the pack is loaded or swapped:
 * the route table (with its strategies' state), gateway keys, breakers and the provider keys read
 * from the environment. A request takes one runtime at its start and keeps it to the end.
 */
export class PackRuntime {
  readonly table: RouteTable<Target, ModelGroup>;
  readonly keys: GatewayKeyStore;
  readonly breakers: CircuitBreakerRegistry;
  readonly ref: PackRef;
  /** Every group name and alias, for /v1/models and the model_not_found message. */
  readonly modelNames: readonly string[];
  private readonly apiKeys: ReadonlyMap<string, string>;

  constructor(
    readonly pack: Pack,
    env: Readonly<Record<string, string | undefined>>,
    onBreakerTransition?: (targetId: string, transition: BreakerTransition) => void,
  ) {
    this.table = createRouteTable(pack.groups, pack.targets, {
      routing: pack.routing,
      fallback: pack.fallback,
    });
    this.keys = GatewayKeyStore.from(pack, env.KT_API_KEYS);
    this.breakers = new CircuitBreakerRegistry(pack.circuitBreaker, onBreakerTransition);
    this.ref = { name: pack.name, version: pack.version, sha256: pack.sha256 };
    this.modelNames = pack.groups.flatMap((group) => [group.name, ...group.aliases]);
    const apiKeys = new Map<string, string>();
    for (const target of pack.targets) {
      const key = target.secretEnv ? env[target.secretEnv] : undefined;
      if (key) apiKeys.set(target.id, key);
    }
    this.apiKeys = apiKeys;
  }

  /** The provider key for a target; '' for a target that needs none (e.g. a local OpenAI-compatible server). */
  apiKey(target: Target): string {
    return this.apiKeys.get(target.id) ?? '';
  }
}
