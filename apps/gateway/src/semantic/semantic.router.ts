import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SemanticRouting } from '@kt/pack';
import { ActivePack } from '@kt/pack-live';
import type { ChatRequest, ProviderAdapters } from '@kt/providers';
import { EmbeddingIndex, LexicalIndex, pickRoute, type RouteMatch } from '@kt/routing';
import { PROVIDER_ADAPTERS } from '../runtime/provider-adapters.token.js';
import { GatewayRuntime } from '../runtime/gateway.runtime.js';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../runtime/gateway.settings.js';
import type { PackRuntime } from '../runtime/pack.runtime.js';
import { TargetHealth } from '../state/target.health.js';
import { embeddingVectors } from './embedding.vectors.js';
import { promptText } from './prompt.text.js';

/** Where a prompt goes: a preferred target of its group, or another group to plan with. */
export interface SemanticDecision extends RouteMatch {
  readonly target?: string;
  readonly group?: string;
}

interface GroupIndex {
  readonly routing: SemanticRouting;
  readonly lexical: LexicalIndex;
  /** Set once the examples' embeddings have arrived; lexical matching serves until then. */
  embedding?: EmbeddingIndex;
  pending: boolean;
  retryAtMs: number;
}

const EXAMPLES_TIMEOUT_MS = 15_000;
const EXAMPLES_RETRY_MS = 30_000;

/**
 * Matches prompts of `semantic` groups to their routes. Route examples are embedded once per pack
 * (at load, off the hot path); a request costs one embedding call bounded by the group's
 * `timeout_ms`, and falls back to lexical similarity when that fails or no embedder is set.
 */
@Injectable()
export class SemanticRouter implements OnModuleInit {
  private readonly logger = new Logger('semantic');
  private readonly indexes = new WeakMap<PackRuntime, ReadonlyMap<string, GroupIndex>>();

  constructor(
    private readonly gateway: GatewayRuntime,
    private readonly health: TargetHealth,
    @Inject(ActivePack) private readonly active: ActivePack,
    @Inject(PROVIDER_ADAPTERS) private readonly adapters: ProviderAdapters,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  onModuleInit(): void {
    this.prepare(this.gateway.current);
    this.active.onSwap(() => this.prepare(this.gateway.current));
  }

  /** Undefined unless `model` is a semantic group and a route (or its default) matched. */
  async decide(runtime: PackRuntime, chat: ChatRequest): Promise<SemanticDecision | undefined> {
    const group = runtime.table.byModel.get(chat.model)?.group;
    const index = group && this.prepare(runtime).get(group.name);
    if (!index) return undefined;
    // The prompt text is only gathered for semantic groups, never on every request's path.
    const match = await this.match(runtime, index, promptText(chat));
    if (!match) return undefined;
    const route = index.routing.routes.find((r) => r.name === match.route);
    return {
      ...match,
      ...(route?.target !== undefined && { target: route.target }),
      ...(route?.group !== undefined && { group: route.group }),
    };
  }

  private async match(
    runtime: PackRuntime,
    index: GroupIndex,
    prompt: string,
  ): Promise<RouteMatch | undefined> {
    const { routing } = index;
    const embedder = routing.embeddingTarget;
    if (embedder !== undefined && index.embedding === undefined) this.embedExamples(runtime, index);
    if (
      embedder !== undefined &&
      index.embedding !== undefined &&
      prompt !== '' &&
      !this.health.isDown(embedder)
    ) {
      try {
        const [vector] = await this.embed(runtime, embedder, [prompt], routing.timeoutMs);
        return pickRoute(
          index.embedding.score(vector!),
          routing.threshold,
          'embedding',
          routing.defaultRoute,
        );
      } catch (error) {
        this.logger.debug(`prompt embedding failed, matching lexically: ${String(error)}`);
      }
    }
    return pickRoute(index.lexical.score(prompt), routing.lexicalThreshold, 'lexical', routing.defaultRoute);
  }

  private prepare(runtime: PackRuntime): ReadonlyMap<string, GroupIndex> {
    const known = this.indexes.get(runtime);
    if (known) return known;
    const indexes = new Map<string, GroupIndex>();
    for (const group of runtime.pack.groups) {
      if (!group.semantic) continue;
      const index: GroupIndex = {
        routing: group.semantic,
        lexical: new LexicalIndex(group.semantic.routes),
        pending: false,
        retryAtMs: 0,
      };
      indexes.set(group.name, index);
      if (group.semantic.embeddingTarget !== undefined) this.embedExamples(runtime, index);
    }
    this.indexes.set(runtime, indexes);
    return indexes;
  }

  /** Embeds every example in one call; on failure the group matches lexically and retries later. */
  private embedExamples(runtime: PackRuntime, index: GroupIndex): void {
    const embedder = index.routing.embeddingTarget;
    if (embedder === undefined || index.pending || Date.now() < index.retryAtMs) return;
    index.pending = true;
    const examples = index.routing.routes.flatMap((r) => r.examples);
    this.embed(runtime, embedder, examples, EXAMPLES_TIMEOUT_MS)
      .then((vectors) => {
        index.embedding = new EmbeddingIndex(index.routing.routes, vectors);
        this.logger.log(`embedded ${examples.length} route examples with ${embedder}`);
      })
      .catch((error: unknown) => {
        index.retryAtMs = Date.now() + EXAMPLES_RETRY_MS;
        this.logger.warn(
          `route examples not embedded with ${embedder} (${String(error)}); matching lexically`,
        );
      })
      .finally(() => {
        index.pending = false;
      });
  }

  private async embed(
    runtime: PackRuntime,
    targetId: string,
    input: readonly string[],
    timeoutMs: number,
  ): Promise<number[][]> {
    const target = runtime.pack.targetsById.get(targetId);
    if (!target?.available) throw new Error(`embedding target ${targetId} is not available`);
    const adapter = this.adapters.get(target.vendor);
    if (!adapter?.embeddings) throw new Error(`${target.vendor} has no embeddings API`);
    const answer = await adapter.embeddings({
      target,
      apiKey: runtime.apiKey(target),
      signal: AbortSignal.timeout(timeoutMs),
      timeouts: {
        ...this.settings.timeouts,
        totalMs: timeoutMs,
        connectMs: Math.min(timeoutMs, this.settings.timeouts.connectMs),
      },
      body: { model: target.model, input },
    });
    return embeddingVectors(answer.body, input.length);
  }
}
