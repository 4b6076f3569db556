import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** A kt service as a real child process (`bin/kt-service.js NAME`), ready once its /readyz answers 200. */
export class ServiceProcess {
  readonly logs: string[] = [];

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (b: Buffer) => this.logs.push(b.toString()));
    child.stderr?.on('data', (b: Buffer) => this.logs.push(b.toString()));
  }

  static async start(name: string, port: number, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
    const child = spawn(process.execPath, ['bin/kt-service.js', name], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
    try {
      await service.waitReady();
    } catch (error) {
      // A service that never became ready must not outlive the test that started it.
      child.kill('SIGKILL');
      throw error;
    }
    return service;
  }

  private async waitReady(): Promise<void> {
    // Generous: on a machine shared by several suites, loading the TypeScript sources alone can take 30 s.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited:\n${this.logs.join('')}`);
      const ok = await fetch(`${this.url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${this.name} not ready:\n${this.logs.join('')}`);
  }

  /** SIGTERM, as Kubernetes sends it; a service still running 15 s later is a failure. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    clearTimeout(timer);
    if (signal === 'SIGKILL') {
      throw new Error(`the ${this.name} did not stop on SIGTERM:\n${this.logs.join('').slice(-3000)}`);
    }
  }
}

/** The provider variables that point a service's targets at the simulators. */
export function simulatorEnv(sims: {
  readonly keys: Readonly<Record<'openai' | 'azure' | 'anthropic', string>>;
  readonly urls: Readonly<Record<'openai' | 'azure' | 'anthropic', string>>;
}): NodeJS.ProcessEnv {
  return {
    OPENAI_API_KEY: sims.keys.openai,
    OPENAI_BASE_URL: `${sims.urls.openai}/v1`,
    AZURE_OPENAI_API_KEY: sims.keys.azure,
    AZURE_OPENAI_ENDPOINT: sims.urls.azure,
    ANTHROPIC_API_KEY: sims.keys.anthropic,
    ANTHROPIC_BASE_URL: sims.urls.anthropic,
  };
}
