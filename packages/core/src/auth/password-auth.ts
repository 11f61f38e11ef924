import { AuthenticationError, ValidationError } from '../errors/carbon-track-error.js';
import { settleWithin } from '../http/abort.js';
import type { AuthStrategy } from './auth-strategy.js';
import type { CarbonTrackTokens, TokenResponse } from './tokens.js';

/** Username and password of a carbonTRACK account. */
export interface CarbonTrackCredentials {
  /** Account user name. */
  username: string;
  /** Account password; only ever sent in the body of the token request. */
  password: string;
}

/** Settings of {@link passwordAuth}. */
export interface PasswordAuthOptions {
  credentials: CarbonTrackCredentials;
  /** Sends one token request (form fields) and returns the Authentication Object. */
  requestToken: (form: Record<string, string>) => Promise<TokenResponse>;
  /** Tokens restored from storage, used until they expire. */
  tokens?: CarbonTrackTokens | undefined;
  /** Called with the new tokens after every successful token request, to persist them. */
  onTokens?: ((tokens: CarbonTrackTokens) => void | Promise<void>) | undefined;
  /** Refresh this long before expiry, in ms (default 60 000, at most a quarter of the token's lifetime). */
  refreshSkewMs?: number | undefined;
  /** Clock, in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
}

/**
 * OAuth 2.0 password grant with refresh tokens: tokens are cached and renewed shortly before
 * they expire; renewal uses the refresh_token grant and falls back to the password grant when
 * the refresh is refused. Any number of concurrent callers share a single token request.
 */
export function passwordAuth(options: PasswordAuthOptions): AuthStrategy {
  const { credentials, requestToken } = options;
  const now = options.now ?? Date.now;
  const skewMs = options.refreshSkewMs ?? 60_000;
  let tokens = options.tokens;
  let renewAt = tokens ? renewTime(tokens.expiresAt, tokens.expiresAt - now()) : 0;
  let pending: Promise<string> | undefined;
  const previousTokens: string[] = [];

  function renewTime(expiresAt: number, lifetimeMs: number): number {
    return expiresAt - Math.min(skewMs, Math.max(0, lifetimeMs) / 4);
  }

  async function grant(form: Record<string, string>): Promise<string> {
    const receivedAt = now();
    const response = await requestToken(form);
    const lifetimeMs = response.expires_in * 1000;
    if (tokens) previousTokens.push(tokens.accessToken, ...(tokens.refreshToken ? [tokens.refreshToken] : []));
    // Expiry by our own clock (receipt time + lifetime): immune to clock skew against the server.
    tokens = {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? tokens?.refreshToken,
      expiresAt: receivedAt + lifetimeMs,
    };
    renewAt = renewTime(tokens.expiresAt, lifetimeMs);
    await options.onTokens?.({ ...tokens });
    return tokens.accessToken;
  }

  async function renew(): Promise<string> {
    const refreshToken = tokens?.refreshToken;
    if (refreshToken) {
      try {
        return await grant({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          username: credentials.username,
          password: credentials.password,
        });
      } catch (error) {
        // A refused refresh token (expired, rotated away) is normal: start over with the password.
        if (!(error instanceof AuthenticationError || error instanceof ValidationError)) throw error;
        if (tokens) tokens.refreshToken = undefined;
      }
    }
    return grant({ grant_type: 'password', username: credentials.username, password: credentials.password });
  }

  return {
    async getToken(signal) {
      if (tokens && now() < renewAt) return tokens.accessToken;
      // A caller that already gave up starts no token request.
      if (signal?.aborted) throw signal.reason;
      // The shared renewal ignores any one caller's signal: one caller giving up must not fail the others.
      pending ??= renew().finally(() => {
        pending = undefined;
      });
      return settleWithin(pending, 0, signal);
    },
    invalidate(token) {
      if (tokens?.accessToken === token) renewAt = 0;
      return true;
    },
    secrets: () => [
      credentials.password,
      ...(tokens ? [tokens.accessToken, tokens.refreshToken ?? ''] : []),
      ...previousTokens.slice(-8),
    ],
  };
}
