// A second origin for the embedding tests: a tiny node:http server on 127.0.0.1 that serves one page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running one-page server: its origin (`http://127.0.0.1:<port>`), the page it serves, and close. */
export interface StaticOrigin {
  origin: string;
  /** Replaces the HTML served at `/`. */
  setPage(html: string): void;
  close(): Promise<void>;
}

/** Serves `html` at `/` (404 elsewhere) on a free port of 127.0.0.1. */
export async function startStaticOrigin(html = ''): Promise<StaticOrigin> {
  let page = html;
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(page);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Never keeps the test process alive, even if a test fails before close().
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setPage: (next) => {
      page = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal partner page whose body is exactly `snippet`. */
export function partnerPage(snippet: string): string {
  return [
    '<!doctype html>',
    '<html lang="en-AU">',
    '<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<link rel="icon" href="data:," /><title>Partner portal</title></head>',
    `<body>\n${snippet}\n</body>`,
    '</html>',
  ].join('\n');
}
