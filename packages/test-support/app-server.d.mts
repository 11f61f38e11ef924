import type { IncomingMessage, ServerResponse } from 'node:http';

/** A built web app on a free loopback port; `api(url)` handles /ct/ (built once the URL is known). */
export function serveApp(options: {
  root: string;
  api: (url: string) => (req: IncomingMessage, res: ServerResponse) => unknown;
}): Promise<{ url: string; close(): Promise<void> }>;
