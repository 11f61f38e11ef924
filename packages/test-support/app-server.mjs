// Serves a built web app (a folder) on 127.0.0.1 at a free port, with one more handler for /ct/
// (the embedding proxy, which the caller builds once the app's URL is known): how the framework
// examples' tests host what Vite built. Imports nothing of ours, so it has no place in a cycle.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * @param {{ root: string, api: (url: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveApp({ root, api }) {
  /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown) | undefined} */
  let handleApi;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/ct/')) {
      void handleApi?.(req, res);
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
  handleApi = api(url);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
