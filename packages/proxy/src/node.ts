/**
 * `@carbontrack/proxy/node`: serves the embedding proxy from Node's HTTP server, through
 * @hono/node-server's Fetch-API adapter.
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, getRequestListener } from '@hono/node-server';
import { createProxyHandler } from './create-proxy-handler.js';
import type { ProxyHandler, ProxyOptions } from './proxy-options.js';

/** A Node `(req, res)` listener for a proxy handler, e.g. for Vite or Express middleware. */
export function toNodeListener(handler: ProxyHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const listener = getRequestListener((request, env) =>
    handler(request, { clientAddress: (env.incoming as IncomingMessage).socket?.remoteAddress }),
  );
  return async (req, res) => {
    await listener(req, res);
  };
}

/** A running proxy server. */
export interface RunningProxy {
  /** Base URL, e.g. `http://127.0.0.1:8788`. */
  url: string;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** Starts the proxy on `host:port` (port 0 picks a free one). */
export async function serveProxy(options: ProxyOptions & { port?: number; host?: string }): Promise<RunningProxy> {
  const handler = createProxyHandler(options);
  const server = createAdaptorServer({
    fetch: (request, env) =>
      handler(request, { clientAddress: (env.incoming as IncomingMessage).socket?.remoteAddress }),
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export type { ProxyHandler, ProxyOptions };
export { createProxyHandler };
