// One call of a resource endpoint into its section: the request, its record, and whether the body
// can be read on. Shared by the Distributor, Customer, Device and Measurement steps.
import { isJsonSuccess, type Operation, toExchange, whyUnusable } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { ProbeRequest } from './probe-http.js';
import type { EndpointSection, Exchange } from './probe-report.js';

/** A section's fields before its step runs. */
export function emptyEndpointSection(operation: Operation): EndpointSection {
  return {
    outcome: 'skipped',
    operation: `${operation.method} ${operation.path}`,
    authenticated: false,
    exchange: null,
  };
}

/** Sends `request` (with the session's token, if any) and records it; returns the body of a 2xx JSON answer. */
export async function callEndpoint(
  context: ProbeContext,
  section: EndpointSection,
  operation: Operation,
  request: ProbeRequest,
): Promise<unknown> {
  section.authenticated = context.session.authenticated;
  const { exchange, body } = await sendRecorded(context, operation, request);
  section.exchange = exchange;
  if (body === undefined) {
    section.outcome = 'fail';
    const unauthenticated = section.authenticated ? '' : 'sent without an access token (the token step failed); ';
    section.reason = `${unauthenticated}${whyUnusable(exchange)}`;
    return undefined;
  }
  section.outcome = 'pass';
  return body;
}

/** Sends `request` with the session and returns its record and, for a 2xx JSON answer, its body. */
export async function sendRecorded(
  context: ProbeContext,
  operation: Operation,
  request: ProbeRequest,
): Promise<{ exchange: Exchange; body: unknown }> {
  const outcome = await context.session.call(request);
  const exchange = toExchange(request, operation, outcome, context.schemas, context.redactor);
  return { exchange, body: isJsonSuccess(outcome) ? outcome.response.body : undefined };
}

/** `value` as a plain object, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `value` when it is a finite number, else null. */
export function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
