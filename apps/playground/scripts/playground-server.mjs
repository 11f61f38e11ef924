// The playground stack: the embedding proxy mounted at /ct in front of either the bundled
// simulator (default, no account, no network) or the real carbonTRACK API when
// CARBONTRACK_BASE_URL, CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD are set; and the Vite app.
// CARBONTRACK_ALLOWED_ORIGINS lets pages on other origins use the proxy (an embed snippet pasted elsewhere).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createProxyHandler } from '@carbontrack/proxy';
import { toNodeListener } from '@carbontrack/proxy/node';
import { createSimulator } from '@carbontrack/simulator';
import { createServer } from 'vite';
import { parseAllowedOrigins } from './allowed-origins.mjs';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const widgetsDist = new URL('../../../packages/widgets/dist/', import.meta.url);
// The bundle's on-demand chunks, requested relative to its URL: /chunks/<name>-<hash>.js.
const CHUNK_PATH = /^\/chunks\/[\w-]+\.js$/;

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
  const allowedOrigins = parseAllowedOrigins(env.CARBONTRACK_ALLOWED_ORIGINS);
  const choice = chooseUpstream(env);
  const proxy = createProxyHandler({
    upstream: choice.upstream,
    credentials: choice.credentials,
    fetch: choice.fetch,
    basePath: '/ct',
    // The playground's own origin needs no entry: the proxy always allows same-origin calls.
    allowedOrigins,
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
      // Vite's own CORS (any localhost origin) would answer the proxy's preflights before it does:
      // the proxy's allowedOrigins alone decide, as where a partner deploys it.
      cors: false,
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
            if (url === '/ct-widgets.js' || CHUNK_PATH.test(url)) {
              // The bundle, as a partner's page loads it (examples/plain-html), and its chunks. Public
              // code, loadable from any origin like a CDN's copy (module scripts need CORS); which
              // pages get data is the proxy's decision, so a refused page shows the widget's error.
              readFile(new URL(`.${url}`, widgetsDist))
                .then((code) => {
                  res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                  res.setHeader('Access-Control-Allow-Origin', '*');
                  res.end(code);
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
  return { url, kind: choice.kind, allowedOrigins, close: () => vite.close() };
}
