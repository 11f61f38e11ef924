// The token step: find the token endpoint, sign in with the password grant, then refresh once and,
// when the refresh token rotated, try the replaced one once (x-decision-refresh-token says it stops
// working). The access token it ends with is the one the rest of the run uses.
import { toExchange, whyUnusable } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { TokenSection } from './probe-report.js';
import {
  type GrantResult,
  isMissingEndpoint,
  passwordForm,
  refreshForm,
  requestGrant,
  TOKEN_OPERATION,
  TOKEN_PATHS,
} from './token-grant.js';

/** A token section before the step runs. */
export function emptyTokenSection(): TokenSection {
  return {
    outcome: 'skipped',
    path: null,
    exchanges: [],
    passwordGrant: false,
    expiresIn: null,
    tokenType: null,
    issuedAt: false,
    refreshTokenReturned: false,
    noStore: null,
    refresh: { attempted: false, works: null, expiresIn: null, rotates: null, oldTokenStillWorks: null },
    reauthentications: 0,
  };
}

/** Runs the token step into `section`, leaving the access token in the context's session. */
export async function checkToken(context: ProbeContext, section: TokenSection): Promise<void> {
  const { session, credentials } = context;
  let answered: { path: string; result: GrantResult } | null = null;
  for (const path of TOKEN_PATHS) {
    const result = await grant(context, section, path, passwordForm(credentials));
    if (!isMissingEndpoint(result.outcome)) {
      if (result.outcome.ok) answered = { path, result };
      break;
    }
  }
  const last = section.exchanges.at(-1);
  if (!answered) {
    section.outcome = 'fail';
    section.reason =
      last?.status === null
        ? `the token request failed: ${last.error ?? 'no response'}`
        : `no token endpoint answered with JSON at ${TOKEN_PATHS.join(', ')}`;
    return;
  }
  const { path, result } = answered;
  section.path = path;
  if (result.outcome.ok) section.noStore = /no-store/i.test(result.outcome.response.headers.get('cache-control') ?? '');
  const tokens = result.tokens;
  if (!tokens) {
    section.outcome = 'fail';
    section.reason = `the password grant gave no access token: ${last ? whyUnusable(last) : 'no response'}`;
    return;
  }
  section.outcome = 'pass';
  section.passwordGrant = true;
  section.expiresIn = tokens.expiresIn;
  section.tokenType = tokens.tokenType;
  section.issuedAt = tokens.issuedAt;
  section.refreshTokenReturned = tokens.refreshToken !== null;
  session.accessToken = tokens.accessToken;
  session.tokenPath = path;
  if (tokens.refreshToken) await checkRefresh(context, section, path, tokens.refreshToken);
}

async function checkRefresh(context: ProbeContext, section: TokenSection, path: string, sent: string): Promise<void> {
  const { refresh } = section;
  if (context.http.remaining === 0) return;
  refresh.attempted = true;
  const renewed = (await grant(context, section, path, refreshForm(context.credentials, sent))).tokens;
  refresh.works = renewed !== null;
  if (!renewed) return;
  context.session.accessToken = renewed.accessToken;
  refresh.expiresIn = renewed.expiresIn;
  refresh.rotates = renewed.refreshToken !== null && renewed.refreshToken !== sent;
  if (!refresh.rotates || context.http.remaining === 0) return;
  const replaced = await grant(
    context,
    section,
    path,
    refreshForm(context.credentials, sent),
    ' with the replaced refresh_token',
  );
  refresh.oldTokenStillWorks = replaced.tokens !== null;
  if (replaced.tokens) context.session.accessToken = replaced.tokens.accessToken;
}

async function grant(
  context: ProbeContext,
  section: TokenSection,
  path: string,
  form: Record<string, string>,
  label = '',
): Promise<GrantResult> {
  const result = await requestGrant(context.http, context.redactor, path, form);
  const exchange = toExchange(result.request, TOKEN_OPERATION, result.outcome, context.schemas, context.redactor);
  exchange.request += label;
  section.exchanges.push(exchange);
  return result;
}
