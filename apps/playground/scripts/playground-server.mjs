// The playground stack: the embedding proxy mounted at /ct in front of either the bundled
// simulator (default, no account, no network) or the real carbonTRACK API when
// CARBONTRACK_BASE_URL, CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD are set; and the Vite app.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createProxyHandler } from '@carbontrack/core/proxy';
import { toNodeListener } from '@carbontrack/core/proxy/node';
import { createSimulator } from '@carbontrack/simulator';
import { createServer } from 'vite';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const widgetsBundle = fileURLToPath(new URL('../../../packages/widgets/dist/ct-widgets.js', import.meta.url));

/**
 * Chooses the upstream API from the environment: the real service when all three variables are
 * set, otherwise an in-process simulator. Half-set variables are an error, not a silent fallback.
 * @param {NodeJS.ProcessEnv} env
 */
export function chooseUpstream(env) {
  const names = ['CARBONTRACK_BASE_URL', 'CARBONTRACK_USERNAME', 'CARBONTRACK_PASSWORD'];
  const set = names.filter((name) => env[name]);
  if (set.length === names.length) {
    return {
      kind: 'carbontrack',
      upstream: /** @type {string} */ (env.CARBONTRACK_BASE_URL),
      credentials: {
        username: /** @type {string} */ (env.CARBONTRACK_USERNAME),
        password: /** @type {string} */ (env.CARBONTRACK_PASSWORD),
      },
    };
  }
  if (set.length > 0) {
    const missing = names.filter((name) => !env[name]);
    throw new Error(`Set all of ${names.join(', ')} to use the real API; missing: ${missing.join(', ')}`);
  }
  const simulator = createSimulator({ seed: Number(env.CARBONTRACK_SIMULATOR_SEED ?? 1) });
  return {
    kind: 'simulator',
    simulator,
    upstream: 'http://simulator.local',
    credentials: { username: 'demo', password: 'demo' },
    fetch: /** @type {(request: Request) => Promise<Response>} */ (simulator),
  };
}

/**
 * Starts the playground on host:port and returns its URL and a close function.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv, log?: boolean }} [options]
 */
export async function startPlayground(options = {}) {
  const env = options.env ?? process.env;
  const choice = chooseUpstream(env);
  const proxy = createProxyHandler({
    upstream: choice.upstream,
    credentials: choice.credentials,
    fetch: choice.fetch,
    basePath: '/ct',
    // One browser on a laptop: generous, but still bounded.
    rateLimitPerMinute: 6000,
    log: options.log
      ? (entry) =>
          console.log(
            `${entry.method} ${entry.path} ${entry.status} ${entry.durationMs} ms${entry.cache ? ` (${entry.cache})` : ''}`,
          )
      : undefined,
  });
  const proxyListener = toNodeListener(proxy);

  const vite = await createServer({
    root: appRoot,
    configFile: false,
    logLevel: 'warn',
    server: {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 5173,
      strictPort: true,
      fs: { allow: [repoRoot] },
    },
    appType: 'mpa',
    plugins: [
      {
        name: 'carbontrack-playground',
        configureServer(server) {
          server.middlewares.use((req, res, next) => {
            const url = req.url ?? '/';
            if (url === '/ct' || url.startsWith('/ct/')) {
              proxyListener(req, res).catch(next);
              return;
            }
            if (url === '/ct-widgets.js') {
              // The self-contained bundle, as a partner's page loads it (examples/plain-html).
              readFile(widgetsBundle)
                .then((bundle) => {
                  res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                  res.end(bundle);
                })
                .catch(next);
              return;
            }
            if (url === '/examples/plain-html/' || url === '/examples/plain-html/index.html') {
              readFile(new URL('../../../examples/plain-html/index.html', import.meta.url))
                .then((page) => {
                  res.setHeader('Content-Type', 'text/html; charset=utf-8');
                  res.end(page);
                })
                .catch(next);
              return;
            }
            next();
          });
        },
      },
    ],
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/`;
  return { url, kind: choice.kind, close: () => vite.close() };
}
