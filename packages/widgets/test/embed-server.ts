// A page host for end-to-end tests: serves given pages, the built bundle and its chunks, and the
// embedding proxy at /ct in front of an in-process simulator (so pages need no credentials).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyHandler } from '@carbontrack/proxy';
import { toNodeListener } from '@carbontrack/proxy/node';
import { createSimulator, type Simulator } from '@carbontrack/simulator';

const dist = new URL('../dist/', import.meta.url);

export interface EmbedServer {
  url: string;
  simulator: Simulator;
  /** `METHOD path` of every answer the proxy gave. */
  proxyLog: string[];
  close(): Promise<void>;
}

/** A page with its own content type and headers (a Content-Security-Policy, for example). */
export interface EmbedPage {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

/** Serves `pages` (path → HTML, or a page with headers) on 127.0.0.1 at a free port. */
export async function startEmbedServer(pages: Record<string, string | EmbedPage>, seed = 1): Promise<EmbedServer> {
  const simulator = createSimulator({ seed });
  const proxyLog: string[] = [];
  // Built once the port is known: the page's own origin is the proxy's public origin.
  let proxy: ReturnType<typeof toNodeListener> | undefined;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    if (path === '/ct' || path.startsWith('/ct/')) {
      void proxy?.(req, res);
      return;
    }
    const page = pages[path];
    if (page !== undefined) {
      const {
        body,
        type = 'text/html; charset=utf-8',
        headers = {},
      } = typeof page === 'string' ? { body: page } : page;
      res.writeHead(200, { 'content-type': type, ...headers }).end(body);
      return;
    }
    if (path === '/ct-widgets.js' || /^\/chunks\/[\w-]+\.js$/.test(path)) {
      readFile(new URL(`.${path}`, dist)).then(
        (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy = toNodeListener(
    createProxyHandler({
      upstream: 'http://simulator.local',
      credentials: { username: 'demo', password: 'demo' },
      fetch: simulator as (request: Request) => Promise<Response>,
      basePath: '/ct',
      rateLimitPerMinute: 100_000,
      publicOrigins: [`http://127.0.0.1:${port}`],
      log: (entry) => {
        if (entry.kind === 'access') proxyLog.push(`${entry.method} ${entry.path}`);
      },
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    simulator,
    proxyLog,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
