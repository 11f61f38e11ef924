import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { SimulatorOptions } from './options.js';
import { createSimulator, type Simulator } from './simulator.js';

/** Where and how {@link listen} binds. */
export interface ListenOptions {
  /** TCP port; 0 picks a free port (default 0). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
}

/** A simulator serving HTTP. */
export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The simulator answering the requests. */
  readonly simulator: Simulator;
  /** Stops accepting connections, closes open ones and resolves when the server is down. */
  close(): Promise<void>;
}

/** Serves a simulator (or a new one built from options) over HTTP with @hono/node-server. */
export function listen(
  simulatorOrOptions: Simulator | SimulatorOptions = {},
  { port = 0, host = '127.0.0.1' }: ListenOptions = {},
): Promise<RunningSimulator> {
  return new Promise((resolve, reject) => {
    const simulator =
      typeof simulatorOrOptions === 'function' ? simulatorOrOptions : createSimulator(simulatorOrOptions);
    const server = serve({ fetch: simulator.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        port: info.port,
        simulator,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
