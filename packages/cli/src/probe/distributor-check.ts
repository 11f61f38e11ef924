// GET /ctapi/Distributor: the account's distributor. Its UserName is the login name, so only the
// number of distributors is reported.
import { asRecord, callEndpoint, emptyEndpointSection } from './endpoint-call.js';
import type { Operation } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { DistributorSection } from './probe-report.js';

/** The Distributor operation. */
export const DISTRIBUTOR_OPERATION: Operation = { method: 'GET', path: '/ctapi/Distributor' };

/** A distributor section before its step runs. */
export function emptyDistributorSection(): DistributorSection {
  return { ...emptyEndpointSection(DISTRIBUTOR_OPERATION), distributors: null };
}

/** Runs the Distributor step into `section`. */
export async function checkDistributor(context: ProbeContext, section: DistributorSection): Promise<void> {
  const body = await callEndpoint(context, section, DISTRIBUTOR_OPERATION, {
    method: 'GET',
    path: '/ctapi/Distributor',
  });
  if (body === undefined) return;
  // The description has an array; a single object is counted as one and the schema check says so.
  section.distributors = Array.isArray(body) ? body.length : Object.keys(asRecord(body)).length > 0 ? 1 : 0;
}
