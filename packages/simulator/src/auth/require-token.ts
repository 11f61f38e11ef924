import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { ERROR_NUMBERS, errorResponse } from '../http/error-response.js';
import type { TokenStore } from './token-store.js';

const DENIED = 'Authorization has been denied for this request.';

/** Rejects /ctapi requests without a valid bearer token (401 + WWW-Authenticate); sets the account. */
export function requireToken(tokens: TokenStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) return unauthorized('The access token is missing.', 'Bearer');
    const check = tokens.check(match[1]);
    if (!check.ok) {
      const detail = check.reason === 'expired' ? 'The access token has expired.' : 'The access token is invalid.';
      return unauthorized(detail, 'Bearer error="invalid_token"');
    }
    c.set('account', check.account);
    c.set('accessToken', match[1]);
    await next();
  };
}

function unauthorized(detail: string, challenge: string): Response {
  return errorResponse(401, ERROR_NUMBERS.unauthorized, DENIED, detail, { 'WWW-Authenticate': challenge });
}
