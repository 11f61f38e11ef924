/**
 * `@carbontrack/proxy/node`: serves the embedding proxy from Node's HTTP server, through
 * @hono/node-server's Fetch-API adapter.
 * @packageDocumentation
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createProxyHandler } from './create-proxy-handler.js';
import { errorBody } from './proxy-error-body.js';
import type { ProxyHandler, ProxyLogEntry, ProxyOptions } from './proxy-options.js';

/**
 * A Node `(req, res)` listener for a proxy handler, e.g. for Vite or Express middleware. A request
 * whose `Host` is not a host name (`Host: a b`) gets a 400 in the API's error shape here, since
 * no Fetch-API Request can be built for it; `log` receives that answer's line.
 */
export function toNodeListener(
  handler: ProxyHandler,
  options: { log?: ((entry: ProxyLogEntry) => void) | undefined } = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const listener = getRequestListener((request, env) =>
    handler(request, { clientAddress: (env.incoming as IncomingMessage).socket?.remoteAddress }),
  );
  return async (req, res) => {
    if (!isHostHeader(req.headers.host)) {
      const started = Date.now();
      res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(errorBody(400, 'The Host header is not a host name.'));
      options.log?.({
        kind: 'access',
        method: req.method ?? '?',
        path: '?',
        status: 400,
        durationMs: Date.now() - started,
      });
      return;
    }
    await listener(req, res);
  };
}

function isHostHeader(host: string | undefined): boolean {
  if (host === undefined || host === '') return true;
  try {
    return new URL(`http://${host}/`).host !== '';
  } catch {
    return false;
  }
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
  const listener = toNodeListener(createProxyHandler(options), { log: options.log });
  const server = createServer((req, res) => void listener(req, res));
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
