// Requests to the token endpoint. Credentials travel only here, in the form body of a POST, never in
// a URL; every string a token response carries is registered as a secret the moment it is read.
import type { Operation } from './exchange.js';
import type { ProbeHttp, ProbeOutcome, ProbeRequest } from './probe-http.js';
import type { Redactor } from './redactor.js';

/** The operation token responses are checked against, whichever path answered. */
export const TOKEN_OPERATION: Operation = { method: 'POST', path: '/oauth/token' };

/**
 * Where a token endpoint may be, in the order tried: the description's `/oauth/token` (the
 * documentation's authentication section), `/ctapi/token` (beside the resources, where partners
 * have been told to look), `/token` (the token URL of the documentation's generated security
 * section, and ASP.NET's default).
 */
export const TOKEN_PATHS = ['/oauth/token', '/ctapi/token', '/token'] as const;

/** The account the probe signs in with. */
export interface Credentials {
  username: string;
  password: string;
}

/** The fields of an Authentication Object the probe uses. */
export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number | null;
  tokenType: string | null;
  issuedAt: boolean;
}

/** A token request, what came back, and the tokens when it granted some. */
export interface GrantResult {
  request: ProbeRequest;
  outcome: ProbeOutcome;
  tokens: Tokens | null;
}

/** The form of a password grant. */
export function passwordForm({ username, password }: Credentials): Record<string, string> {
  return { grant_type: 'password', username, password };
}

/** The form of a refresh_token grant, which carries the credentials too, as documented. */
export function refreshForm({ username, password }: Credentials, refreshToken: string): Record<string, string> {
  return { grant_type: 'refresh_token', refresh_token: refreshToken, username, password };
}

/** Sends one token request to `path`. */
export async function requestGrant(
  http: ProbeHttp,
  redactor: Redactor,
  path: string,
  form: Record<string, string>,
): Promise<GrantResult> {
  const request: ProbeRequest = { method: 'POST', path, form };
  const outcome = await http.send(request);
  const granted = outcome.ok && outcome.response.status >= 200 && outcome.response.status < 300;
  const body = granted && outcome.response.json === 'ok' ? outcome.response.body : undefined;
  registerSecrets(body, redactor);
  return { request, outcome, tokens: readTokens(body) };
}

/** Whether a token response says there is no token endpoint at that path. */
export function isMissingEndpoint(outcome: ProbeOutcome): boolean {
  // A web front that answers every unknown path with an HTML page counts as missing too.
  return (
    outcome.ok && (outcome.response.status === 404 || outcome.response.status === 405 || outcome.response.json !== 'ok')
  );
}

// Not secrets: descriptions of the grant. Everything else a granting response carries is treated as one.
const PUBLIC_FIELDS = new Set(['token_type', 'error', 'error_description', 'scope']);

function registerSecrets(body: unknown, redactor: Redactor): void {
  if (body === null || typeof body !== 'object') return;
  for (const [key, value] of Object.entries(body)) if (!PUBLIC_FIELDS.has(key)) redactor.addSecret(value);
}

function readTokens(body: unknown): Tokens | null {
  if (body === null || typeof body !== 'object') return null;
  const fields = body as Record<string, unknown>;
  if (typeof fields.access_token !== 'string' || fields.access_token === '') return null;
  return {
    accessToken: fields.access_token,
    refreshToken: typeof fields.refresh_token === 'string' && fields.refresh_token !== '' ? fields.refresh_token : null,
    expiresIn: typeof fields.expires_in === 'number' ? fields.expires_in : numericString(fields.expires_in),
    tokenType: typeof fields.token_type === 'string' ? fields.token_type : null,
    issuedAt: fields.issued_at !== undefined,
  };
}

// "3600" instead of 3600 still says the lifetime; the schema check reports the type.
function numericString(value: unknown): number | null {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
}
