/**
 * `@carbontrack/proxy/worker`: the embedding proxy as a Cloudflare Worker (or any runtime with
 * the same module-worker shape: workerd, miniflare). The same Fetch handler as on Node, configured
 * from the Worker's bindings with the names of the `carbontrack-proxy` process (see
 * `proxyOptionsFromEnv`); set the password as a secret (`wrangler secret put CARBONTRACK_PASSWORD`).
 * The client address is Cloudflare's `CF-Connecting-IP`. Each isolate keeps its own cache.
 * @packageDocumentation
 */
import { createProxyHandler } from './create-proxy-handler.js';
import { EnvironmentError, type ProxyEnvironment, proxyOptionsFromEnv } from './env-options.js';
import { errorBody } from './proxy-error-body.js';
import type { ProxyHandler } from './proxy-options.js';

let handler: ProxyHandler | undefined;

/** The Worker: `export default` of a module worker. */
export default {
  async fetch(request: Request, env: ProxyEnvironment): Promise<Response> {
    try {
      handler ??= createProxyHandler({
        ...proxyOptionsFromEnv(env),
        log: (entry) => console.log(JSON.stringify(entry)),
      });
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      // A Worker deployed without its settings says which one, in the API's error shape.
      return new Response(errorBody(500, `The proxy is not configured: ${error.message}.`), {
        status: 500,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
    }
    return handler(request, { clientAddress: request.headers.get('CF-Connecting-IP') ?? undefined });
  },
};
