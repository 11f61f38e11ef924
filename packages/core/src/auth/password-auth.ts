import { AuthenticationError, type CarbonTrackError, ValidationError } from '../errors/carbon-track-error.js';
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
  /**
   * Sends one token request (form fields) and returns the Authentication Object; `once` asks for a
   * single attempt (a refresh, which the password grant backs up).
   */
  requestToken: (form: Record<string, string>, once: boolean) => Promise<TokenResponse>;
  /** Tokens restored from storage, used until they expire. */
  tokens?: CarbonTrackTokens | undefined;
  /** Called with the new tokens after every successful token request, to persist them. */
  onTokens?: ((tokens: CarbonTrackTokens) => void | Promise<void>) | undefined;
  /** Refresh this long before expiry, in ms (default 60 000, at most a quarter of the token's lifetime). */
  refreshSkewMs?: number | undefined;
  /** Clock, in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
  /** How long a refused sign-in is remembered, growing with each refusal; see {@link SignInCooldown}. */
  signInCooldown?: SignInCooldown | undefined;
  /** Called once per refused sign-in (so once per cool-down), never with the password. */
  onSignInRefused?: ((refusal: SignInRefusal) => void) | undefined;
}

/**
 * A refused sign-in is remembered: for `initialMs` after the first refusal, twice as long after
 * each further one, up to `maxMs`. Meanwhile every call fails at once with the same
 * {@link AuthenticationError} and no request is made, so a wrong password in a loop cannot get
 * the account locked. A successful sign-in resets it.
 */
export interface SignInCooldown {
  /** Default 1 000 ms. */
  initialMs?: number | undefined;
  /** Default 300 000 ms (5 minutes). */
  maxMs?: number | undefined;
}

/** What {@link PasswordAuthOptions.onSignInRefused} is told. */
export interface SignInRefusal {
  /** The account whose sign-in was refused. */
  username: string;
  /** The error every call gets until the cool-down ends. */
  error: AuthenticationError;
  /** How long until the next sign-in is tried, in ms. */
  retryInMs: number;
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
  const initialCooldownMs = options.signInCooldown?.initialMs ?? 1_000;
  const maxCooldownMs = options.signInCooldown?.maxMs ?? 300_000;
  let cooldownMs = 0;
  let refused: { error: AuthenticationError; until: number } | undefined;

  function renewTime(expiresAt: number, lifetimeMs: number): number {
    return expiresAt - Math.min(skewMs, Math.max(0, lifetimeMs) / 4);
  }

  async function grant(form: Record<string, string>, once = false): Promise<string> {
    const receivedAt = now();
    const response = await requestToken(form, once);
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
    if (refused && now() < refused.until) throw refused.error;
    const refreshToken = tokens?.refreshToken;
    if (refreshToken) {
      try {
        // One attempt: whatever stops it (refused, expired, a 503), the password grant follows.
        return await grant(
          {
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            username: credentials.username,
            password: credentials.password,
          },
          true,
        );
      } catch (error) {
        // A refused refresh token (expired, rotated away) is normal: it is forgotten.
        if (isRefusal(error) && tokens) tokens.refreshToken = undefined;
      }
    }
    try {
      const token = await grant({
        grant_type: 'password',
        username: credentials.username,
        password: credentials.password,
      });
      cooldownMs = 0;
      refused = undefined;
      return token;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      cooldownMs = cooldownMs === 0 ? initialCooldownMs : Math.min(maxCooldownMs, cooldownMs * 2);
      const refusal =
        error instanceof AuthenticationError
          ? error
          : new AuthenticationError(error.message, { ...error, cause: error });
      refused = { error: refusal, until: now() + cooldownMs };
      options.onSignInRefused?.({ username: credentials.username, error: refusal, retryInMs: cooldownMs });
      throw refusal;
    }
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

/**
 * Whether a token request was refused for its credentials: a 401, or a 400 (OAuth's
 * `invalid_grant`, `invalid_client` …): retrying the same form cannot succeed.
 */
function isRefusal(error: unknown): error is CarbonTrackError {
  return error instanceof AuthenticationError || error instanceof ValidationError;
}
