import type { RunningSimulator } from '@carbontrack/simulator';
import type { ConnectionConfig } from './connection-store.js';

export const LOCAL_SIMULATOR_ID = 'local-simulator';

/**
 * Runs `@carbontrack/simulator` inside the extension host on a free 127.0.0.1 port, so the extension
 * is useful without an account. The module is loaded on first use only.
 */
export class LocalSimulator {
  private running: Promise<RunningSimulator> | undefined;

  get url(): Promise<string> | undefined {
    return this.running?.then((r) => r.url);
  }

  /** Starts the simulator (once) and returns the transient connection to it (demo/demo). */
  async start(): Promise<{ connection: ConnectionConfig; password: string; simulator: RunningSimulator }> {
    this.running ??= import('@carbontrack/simulator').then(({ listen }) => listen({ seed: 1 }, { port: 0 }));
    this.running.catch(() => {
      this.running = undefined;
    });
    const simulator = await this.running;
    return {
      connection: {
        id: LOCAL_SIMULATOR_ID,
        name: 'Local simulator',
        baseUrl: simulator.url,
        username: 'demo',
        transient: true,
      },
      password: 'demo',
      simulator,
    };
  }

  async dispose(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (running) await (await running).close();
  }
}
