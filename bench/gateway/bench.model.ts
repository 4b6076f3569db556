// The data of one gateway benchmark run, shared by the runner, the comparison and the report.

/** Who answers: the simulator itself, or a gateway in front of it. */
export type TargetName = 'direct' | 'kt' | 'kt-before' | 'portkey';

/** What `--targets` chooses from; `kt-before` joins only with `--before <checkout>`. */
export const TARGET_NAMES: readonly TargetName[] = ['direct', 'kt', 'portkey'];

/** Every target in table order: kt before sits next to kt so the eye compares them first. */
export const ALL_TARGETS: readonly TargetName[] = ['direct', 'kt', 'kt-before', 'portkey'];

/** The gateways: targets whose latency is compared with direct's. */
export type GatewayName = Exclude<TargetName, 'direct'>;
export const GATEWAY_NAMES: readonly GatewayName[] = ['kt', 'kt-before', 'portkey'];

export const TARGET_LABELS: Readonly<Record<TargetName, string>> = {
  direct: 'direct',
  kt: 'kt',
  'kt-before': 'kt before',
  portkey: 'Portkey',
};

/** One step of the plan: a warm-up, a fixed request rate, or as fast as the target can answer. */
export type Phase =
  | { readonly kind: 'warmup'; readonly seconds: number }
  | { readonly kind: 'rate'; readonly rate: number; readonly seconds: number }
  | { readonly kind: 'max'; readonly seconds: number };

export interface LatencySummary {
  /** Successful (2xx) responses the percentiles were taken over. */
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** CPU used during a run, in cores (1.0 = one core busy the whole run); null when unknown. */
export interface CpuUse {
  /** The process answering: the gateway, or the simulator for direct. */
  readonly target: number | null;
  readonly simulator: number | null;
  /** The broker kt's route events go to (null when kt is not in the run). */
  readonly kafka: number | null;
  /** This process: autocannon and the runner. */
  readonly loadGenerator: number | null;
  /** Every busy core of the machine, other people's work included. */
  readonly machine: number | null;
}

export interface RunMeasurement {
  readonly target: TargetName;
  readonly phase: string;
  /** Requests per second asked for; null for the max-throughput and warm-up runs. */
  readonly requestedRate: number | null;
  readonly seconds: number;
  readonly connections: number;
  /** Responses received, any status. */
  readonly completed: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included (autocannon's count). */
  readonly errors: number;
  readonly timeouts: number;
  /** Responses per second over the run. */
  readonly rps: number;
  /** Latency in ms of the 2xx responses; null when there were none. */
  readonly latency: LatencySummary | null;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly cpu: CpuUse;
  /** 1-minute load average when the run started: other work on the box shows up here. */
  readonly loadAverage: number;
}

export interface TargetAvailability {
  readonly target: TargetName;
  readonly available: boolean;
  /** Why a target was left out (e.g. the trial request's status and body). */
  readonly reason?: string;
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
}

export interface BenchSettings {
  readonly quick: boolean;
  readonly connections: number;
  readonly rates: readonly number[];
  readonly runSeconds: number;
  readonly warmupSeconds: number;
  readonly portkeyVersion: string;
  readonly autocannonVersion: string;
  /** Set when kt of an earlier checkout ran beside this one (`--before`): that checkout's revision. */
  readonly before?: { readonly revision: string };
}

export interface BenchRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly command: string;
  /** `git rev-parse --short HEAD`, `-dirty` when tracked files had changes. */
  readonly revision: string;
  readonly machine: MachineInfo;
  readonly settings: BenchSettings;
  readonly availability: readonly TargetAvailability[];
  readonly runs: readonly RunMeasurement[];
  /** Proof that kt ran with events on: its answered requests vs. route events found in Kafka. */
  readonly routeEvents?: RouteEventTally;
}

export interface RouteEventTally {
  /** kt responses the load generator received, the trial request included. */
  readonly answered: number;
  /** Records in `kt.route-events.v1` after the run (requests cut off at a run's end count too). */
  readonly inKafka: number;
}
