// POST /oauth/token: password and refresh_token grants (the refresh grant also carries username and
// password, as documented). Errors follow RFC 6749 §5.2. Passwords and tokens are never echoed.
import type { Context } from 'hono';
import type { DemoAccount } from './accounts.js';
import type { TokenStore } from './token-store.js';

type OAuthErrorCode = 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant';

/** Builds the handler of POST /oauth/token. `countGrant` receives each request's grant type. */
export function tokenRoute(
  accounts: readonly DemoAccount[],
  tokens: TokenStore,
  countGrant: (grantType: string) => void,
): (c: Context) => Promise<Response> {
  return async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)) {
      countGrant('invalid');
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(await c.req.text());
    const grantType = form.get('grant_type');
    countGrant(grantType === 'password' || grantType === 'refresh_token' ? grantType : 'invalid');
    if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'password' && grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', 'grant_type must be password or refresh_token');
    }
    const required = grantType === 'password' ? ['username', 'password'] : ['refresh_token', 'username', 'password'];
    const missing = required.find((field) => !form.get(field));
    if (missing) return oauthError(400, 'invalid_request', `${missing} is required`);

    const account = accounts.find((a) => a.username === form.get('username') && a.password === form.get('password'));
    if (!account) return oauthError(401, 'invalid_grant', 'The user name or password is incorrect.');
    const issued =
      grantType === 'password' ? tokens.issue(account) : tokens.rotate(form.get('refresh_token') ?? '', account);
    if (!issued) return oauthError(401, 'invalid_grant', 'The refresh token is invalid, expired or already used.');
    return Response.json(issued, { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });
  };
}

function oauthError(status: 400 | 401, error: OAuthErrorCode, description: string): Response {
  return Response.json({ error, error_description: description }, { status, headers: { 'Cache-Control': 'no-store' } });
}
