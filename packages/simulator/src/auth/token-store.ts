// Issued tokens. They are random (node:crypto), not seeded: a token must not be guessable from the
// seed, and nothing in a response depends on a token's value.
import { randomBytes } from 'node:crypto';
import type { DemoAccount } from './accounts.js';

/** The Authentication Object of POST /oauth/token. */
export interface AuthenticationObject {
  /** Random bearer token for /ctapi requests. */
  access_token: string;
  /** Unix seconds when the token was issued. */
  issued_at: number;
  /** Always `bearer`. */
  token_type: 'bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  /** Single-use token for the refresh_token grant. */
  refresh_token: string;
}

/** Outcome of checking an access token. */
export type TokenCheck = { ok: true; account: DemoAccount } | { ok: false; reason: 'unknown' | 'expired' };

/** Access tokens with their expiry, and single-use refresh tokens. */
export class TokenStore {
  private readonly access = new Map<string, { account: DemoAccount; expiresAtMs: number }>();
  private readonly refresh = new Map<string, DemoAccount>();

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Issues a new access token and refresh token for an account. */
  issue(account: DemoAccount): AuthenticationObject {
    const nowMs = this.now();
    const accessToken = randomBytes(24).toString('base64url');
    const refreshToken = randomBytes(24).toString('base64url');
    this.access.set(accessToken, { account, expiresAtMs: nowMs + this.lifetimeSeconds * 1000 });
    this.refresh.set(refreshToken, account);
    return {
      access_token: accessToken,
      issued_at: Math.floor(nowMs / 1000),
      token_type: 'bearer',
      expires_in: this.lifetimeSeconds,
      refresh_token: refreshToken,
    };
  }

  /** Exchanges a refresh token of `account` for new tokens; the old refresh token stops working. Null if unknown or used. */
  rotate(refreshToken: string, account: DemoAccount): AuthenticationObject | null {
    if (this.refresh.get(refreshToken) !== account) return null;
    this.refresh.delete(refreshToken);
    return this.issue(account);
  }

  /** Checks an access token. */
  check(accessToken: string): TokenCheck {
    const grant = this.access.get(accessToken);
    if (!grant) return { ok: false, reason: 'unknown' };
    if (this.now() >= grant.expiresAtMs) return { ok: false, reason: 'expired' };
    return { ok: true, account: grant.account };
  }

  /** Makes every issued access token expired now (refresh tokens keep working). */
  expireAll(): void {
    const nowMs = this.now();
    for (const grant of this.access.values()) grant.expiresAtMs = nowMs;
  }
}
