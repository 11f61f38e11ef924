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
/** Where the playground serves core's example tariff, for the widgets' tariff-url. */
export const TARIFF_PATH = '/tariffs/example-time-of-use.tariff.json';
const exampleTariff = new URL('../../../packages/core/schemas/example-time-of-use.tariff.json', import.meta.url);

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
  const host = options.host ?? '127.0.0.1';
  /** The proxy, built once the port is known (its public origins name it). @param {number} port */
  const proxyFor = (port) =>
    createProxyHandler({
      upstream: choice.upstream,
      credentials: choice.credentials,
      fetch: choice.fetch,
      basePath: '/ct',
      // The playground's own origins (the proxy never takes the Host header's word for it).
      publicOrigins: env.CARBONTRACK_PUBLIC_ORIGINS
        ? parseAllowedOrigins(env.CARBONTRACK_PUBLIC_ORIGINS, 'CARBONTRACK_PUBLIC_ORIGINS')
        : ownOrigins(host, port),
      allowedOrigins,
      // One browser on a laptop: generous, but still bounded.
      rateLimitPerMinute: 6000,
      log: options.log
        ? (entry) =>
            console.log(
              entry.kind === 'event'
                ? `proxy: ${entry.message}`
                : `${entry.method} ${entry.path} ${entry.status} ${entry.durationMs} ms${entry.cache ? ` (${entry.cache})` : ''}`,
            )
        : undefined,
    });
  /** @type {ReturnType<typeof toNodeListener> | undefined} */
  let proxyListener;

  const vite = await createServer({
    root: appRoot,
    configFile: false,
    logLevel: 'warn',
    server: {
      host,
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
              if (!proxyListener) return next();
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
            if (url === TARIFF_PATH) {
              // The example tariff (labelled an example: no real retailer's prices), as a partner
              // would host theirs for tariff-url.
              readFile(exampleTariff)
                .then((json) => {
                  res.setHeader('Content-Type', 'application/json; charset=utf-8');
                  res.setHeader('Access-Control-Allow-Origin', '*');
                  res.end(json);
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
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 5173);
  proxyListener = toNodeListener(proxyFor(port));
  const url = `http://${host}:${port}/`;
  return { url, kind: choice.kind, allowedOrigins, close: () => vite.close() };
}

/**
 * Where the playground's pages are served from: its address, and for a loopback address the
 * other loopback spellings a browser may use.
 * @param {string} host
 * @param {number} port
 */
function ownOrigins(host, port) {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  const names = loopback.includes(host) || host === '::1' ? loopback : [host];
  return names.map((name) => `http://${name}:${port}`);
}
