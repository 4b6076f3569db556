import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { followTopic, KAFKA, type BusClient, type TopicFollower } from '@kt/bus';
import { decodePackEvent, PACK_EVENTS_TOPIC, type PackApplied } from '@kt/contracts';
import { ActivePack } from './active-pack.js';
import { PackRefusalLog } from './pack-refusal.log.js';
import { PackVerifier, formatIssues, type Env, type PackResult, parsePack } from '@kt/pack';
import { watchPackFile, type PackFileWatcher } from './pack-file.watcher.js';

export interface PackReloadOptions {
  readonly path: string;
  /** One group per service instance: every instance must see every pack change. */
  readonly consumerGroup: string;
  /** Where the pack's `${VAR}` references are read (the service's environment). */
  readonly env: Env;
}

export const PACK_RELOAD_OPTIONS = Symbol('kt.pack.reload-options');
export const PACK_VERIFIER = Symbol('kt.pack.verifier');

/**
 * Hot reload: a changed pack file, or a `pack.applied` record on `kt.pack-events.v1` for the pack
 * this instance runs (same name), is validated and swapped in atomically. An invalid pack leaves the one in force and says why; work in flight
 * finishes on the pack it started with (it holds that pack).
 * A record from the topic is applied only when `PackVerifier` trusts it (reporting's signature):
 * anyone who reaches the broker can write the topic, and a pack decides where provider keys go.
 * A trusted record must also be newer than the last one applied, so a replayed one cannot roll back.
 */
@Injectable()
export class PackReloadService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('pack');
  private watcher: PackFileWatcher | undefined;
  private follower: TopicFollower | undefined;
  private readonly refusals = new PackRefusalLog(this.logger);
  /**
   * `occurred_at` of the newest remote pack event this process applied. A signature proves who
   * wrote a record, not when it may be used: anyone who can read the compacted topic can produce an
   * old signed record again and roll every gateway back. Only a newer one is applied. The limit: a
   * process that has applied none since it started accepts the newest it sees (issue 19 reads the
   * latest applied pack at start).
   */
  private newestRemoteMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly active: ActivePack,
    @Inject(PACK_RELOAD_OPTIONS) private readonly options: PackReloadOptions,
    @Inject(KAFKA) private readonly kafka: BusClient,
    @Inject(PACK_VERIFIER) private readonly verifier: PackVerifier,
  ) {}

  onModuleInit(): void {
    const { path } = this.options;
    this.announceTrust();
    this.watcher = watchPackFile(path, (result) => this.apply(result, `file ${path}`), {
      env: this.options.env,
    });
    this.follower = followTopic(this.kafka, {
      groupId: this.options.consumerGroup,
      topics: [PACK_EVENTS_TOPIC],
      fromBeginning: false,
      onRetry: (error, delayMs) =>
        this.logger.warn(
          `pack events are not followed yet (${String(error)}); retrying in ${delayMs / 1000} s`,
        ),
      handleBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const decoded = decodePackEvent(message.value);
          if (!decoded.ok) this.logger.error(`ignored a malformed pack event: ${decoded.reason}`);
          else if (decoded.value.pack.name !== this.active.current.name) {
            // The topic carries every pack of the cluster; this instance follows only its own.
            this.logger.debug(
              `ignored pack ${decoded.value.pack.name}: this instance runs ${this.active.current.name}`,
            );
          } else if (this.trusts(decoded.value) && this.isNewer(decoded.value)) {
            const from = `kt.pack-events.v1 (applied by ${decoded.value.applied_by})`;
            const applied = this.apply(
              parsePack(decoded.value.content, { source: 'kt.pack-events.v1', env: this.options.env }),
              from,
            );
            if (applied) this.newestRemoteMs = Date.parse(decoded.value.occurred_at);
          }
          resolveOffset(message.offset);
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.watcher?.close();
    await this.follower?.stop();
  }

  private announceTrust(): void {
    if (this.verifier.acceptUnsigned)
      this.logger.warn(
        'KT_PACK_ALLOW_UNSIGNED=true: packs from kt.pack-events.v1 are applied without a signature; anyone who can write the topic controls this instance',
      );
    else if (this.verifier.refusesAll)
      this.logger.warn(
        "KT_PACK_VERIFY_KEY_FILE is not set: packs from kt.pack-events.v1 will be refused (set it to reporting's public key, or KT_PACK_ALLOW_UNSIGNED=true to trust the broker)",
      );
    else
      this.logger.log(
        `packs from kt.pack-events.v1 need a signature by key ${this.verifier.keyIds.join(', ')}`,
      );
  }

  private trusts(event: PackApplied): boolean {
    const verdict = this.verifier.check(event);
    if (verdict.ok) return true;
    const current = this.active.current;
    this.refusals.refused(event, verdict.reason, `${current.name}@${current.version}`);
    return false;
  }

  private isNewer(event: PackApplied): boolean {
    if (Date.parse(event.occurred_at) > this.newestRemoteMs) return true;
    const current = this.active.current;
    this.refusals.refused(event, 'stale', `${current.name}@${current.version}`);
    return false;
  }

  /** Whether the pack is valid (and now in force, swapped in or already running). */
  private apply(result: PackResult, from: string): boolean {
    if (!result.ok) {
      const current = this.active.current;
      this.logger.error(
        `invalid pack from ${from}; ${current.name}@${current.version} stays in force:\n${formatIssues(result.errors)}`,
      );
      return false;
    }
    if (result.pack.sha256 === this.active.current.sha256) return true;
    for (const warning of result.warnings) this.logger.warn(`${warning.path}: ${warning.message}`);
    this.active.swap(result.pack);
    return true;
  }
}
