/**
 * `@carbontrack/proxy`: the embedding proxy partners deploy next to their portal. A Fetch-API
 * handler (any runtime); the Node adapter is in `@carbontrack/proxy/node`.
 * @packageDocumentation
 */

export type { TrustProxy } from './client-address.js';
export { createProxyHandler } from './create-proxy-handler.js';
export { EnvironmentError, type ProxyEnvironment, proxyOptionsFromEnv } from './env-options.js';
export type {
  ProxyAccessLogEntry,
  ProxyCacheOptions,
  ProxyEventLogEntry,
  ProxyHandler,
  ProxyLogEntry,
  ProxyOptions,
  ProxyRequestInfo,
} from './proxy-options.js';
export { PROXY_ROUTES, type ProxyRoute } from './proxy-routes.js';
export type { SharedStore } from './shared-store.js';
