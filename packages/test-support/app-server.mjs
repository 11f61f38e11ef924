// Serves a built web app (a folder) with the embedding proxy at /ct in front of an in-process
// simulator, on 127.0.0.1 at a free port: how the framework examples' tests host what Vite built.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { createProxyHandler } from '@carbontrack/proxy';
import { toNodeListener } from '@carbontrack/proxy/node';
import { createSimulator } from '@carbontrack/simulator';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * @param {{ root: string, seed?: number }} options
 * @returns {Promise<{ url: string, deviceId: string, close(): Promise<void> }>}
 */
export async function serveAppWithProxy({ root, seed = 1 }) {
  const simulator = createSimulator({ seed });
  const deviceId = simulator.world.devices.find(
    (d) => d.distributorId === simulator.world.distributors[0]?.ID && d.offlineSinceMs === null,
  )?.id;
  /** @type {ReturnType<typeof toNodeListener> | undefined} */
  let proxy;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/ct/')) {
      void proxy?.(req, res);
      return;
    }
    const file = join(root, path === '/' ? 'index.html' : path);
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The page's own origin is the proxy's public origin: known once the port is.
  proxy = toNodeListener(
    createProxyHandler({
      upstream: 'http://simulator.local',
      credentials: { username: 'demo', password: 'demo' },
      fetch: simulator,
      basePath: '/ct',
      publicOrigins: [url],
    }),
  );
  return {
    url,
    deviceId: /** @type {string} */ (deviceId),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
