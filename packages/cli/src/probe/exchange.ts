// Turns a request's outcome into the report's record of it: status, Content-Type, the body checked
// against the description, the server's own error text. Bodies themselves never enter the report.
import type { ProbeOutcome, ProbeRequest } from './probe-http.js';
import type { Exchange } from './probe-report.js';
import type { Redactor } from './redactor.js';
import { type ResponseSchemas, unchecked } from './response-schema.js';

/** Gives the schemas on first use: loading the description can fail, which must cost the checks, not the run. */
export type SchemaSource = () => ResponseSchemas;

/** Where a request sits in the description: the operation its response is checked against. */
export interface Operation {
  method: 'GET' | 'POST';
  /** The path as the description names it, e.g. `/oauth/token` whatever path was actually tried. */
  path: string;
}

/** A one-line, secret-free description of a request: method, path, query, and the JSON body's fields. */
export function describeRequest(request: ProbeRequest): string {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
  let body = '';
  if (request.form) body = ` (grant_type=${request.form.grant_type ?? '?'})`;
  else if (request.json !== undefined) body = ` ${JSON.stringify(request.json)}`;
  return `${request.method} ${request.path}${query}${body}`;
}

/** The report's record of one request and its answer. */
export function toExchange(
  request: ProbeRequest,
  operation: Operation,
  outcome: ProbeOutcome,
  schemas: SchemaSource,
  redactor: Redactor,
): Exchange {
  const described = redactor.text(describeRequest(request), 300);
  if (!outcome.ok) {
    return {
      request: described,
      status: null,
      contentType: null,
      json: null,
      durationMs: null,
      bytes: null,
      retriedAfter429: false,
      error: outcome.error,
      schema: unchecked(null, null, 'no response'),
    };
  }
  const { response } = outcome;
  const exchange: Exchange = {
    request: described,
    status: response.status,
    contentType: response.contentType ? redactor.text(response.contentType, 100) : null,
    json: response.json,
    durationMs: response.durationMs,
    bytes: response.bytes,
    retriedAfter429: response.retriedAfter429,
    schema:
      response.json === 'ok'
        ? checkSafely(schemas, operation, response.status, response.body)
        : unchecked(null, null, response.json === 'invalid' ? 'the body is not valid JSON' : 'the body is not JSON'),
  };
  const message = serverMessage(response.status, response.body);
  if (message) exchange.serverMessage = redactor.text(message, 160);
  return exchange;
}

function checkSafely(schemas: SchemaSource, operation: Operation, status: number, body: unknown) {
  try {
    return schemas().check(operation.method, operation.path, status, body);
  } catch (error) {
    // A description that cannot be loaded must not cost the rest of the report.
    return unchecked(null, null, `schema check unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The error text of a non-2xx body: the carbonTRACK payload's Message, or OAuth's error_description. */
function serverMessage(status: number, body: unknown): string | undefined {
  if (status < 300 || body === null || typeof body !== 'object') return undefined;
  const fields = body as Record<string, unknown>;
  for (const key of ['ErrorMessage', 'Message', 'error_description', 'error', 'message', 'title']) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Whether the exchange is a 2xx JSON answer whose body the caller can read. */
export function isJsonSuccess(outcome: ProbeOutcome): outcome is Extract<ProbeOutcome, { ok: true }> {
  return (
    outcome.ok && outcome.response.status >= 200 && outcome.response.status < 300 && outcome.response.json === 'ok'
  );
}

/** A short account of why an exchange is not a usable answer, for a section's `reason`. */
export function whyUnusable(exchange: Exchange): string {
  if (exchange.error) return exchange.error;
  const what = `${exchange.status} ${exchange.contentType ?? 'without a Content-Type'}`;
  if (exchange.json !== 'ok') return `answered ${what}, not JSON`;
  return `answered ${exchange.status}${exchange.serverMessage ? `: ${exchange.serverMessage}` : ''}`;
}
