import { settleWithin } from '../http/abort.js';
import type { AuthStrategy } from './auth-strategy.js';

/**
 * Tokens from the caller's own function (e.g. a portal backend that hands out short-lived
 * tokens). The last token is reused until the API refuses it; concurrent callers share one call.
 */
export function tokenProviderAuth(provider: () => Promise<string>): AuthStrategy {
  let current: string | undefined;
  let pending: Promise<string> | undefined;
  return {
    async getToken(signal) {
      if (current !== undefined) return current;
      // A caller that already gave up starts no token request.
      if (signal?.aborted) throw signal.reason;
      pending ??= provider()
        .then((token) => {
          if (typeof token !== 'string' || token.length === 0) {
            throw new TypeError('tokenProvider must resolve to a non-empty string');
          }
          current = token;
          return token;
        })
        .finally(() => {
          pending = undefined;
        });
      return settleWithin(pending, 0, signal);
    },
    invalidate(token) {
      if (current === token) current = undefined;
      return true;
    },
    secrets: () => (current === undefined ? [] : [current]),
  };
}
