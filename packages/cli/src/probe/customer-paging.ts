// Customer paging (x-decision-paging: `customerRequest.page` from 1, pageSize 20 by default, at
// most 500). Pages are compared by CustomerId in memory; no customer value reaches the report.
import { CUSTOMER_OPERATION, type CustomerPage, customerKey, readCustomerPage } from './customer-check.js';
import { sendRecorded } from './endpoint-call.js';
import { whyUnusable } from './exchange.js';
import { type ProbeContext, skip } from './probe-context.js';
import type { CustomerPaging, Exchange } from './probe-report.js';

/** A page small enough to compare cheaply and to show whether pageSize is honoured. */
const SMALL_PAGE = 2;
/** The documented maximum is 500; one more shows whether it is enforced. */
const OVER_MAXIMUM = 501;

/** A customer paging section before its step runs. */
export function emptyCustomerPaging(): CustomerPaging {
  return {
    outcome: 'skipped',
    base: 'unclear',
    pageZero: null,
    pageOneIsFirst: null,
    defaultPageSize: null,
    requestedPageSize: SMALL_PAGE,
    requestedPageSizeHonoured: null,
    overMaximumPageSize: OVER_MAXIMUM,
    overMaximum: null,
    exchanges: [],
  };
}

/** Runs the customer paging step into `section`, against the first page the Customer step read. */
export async function checkCustomerPaging(
  context: ProbeContext,
  section: CustomerPaging,
  first: CustomerPage | null,
): Promise<void> {
  if (!first) return skip(section, 'no Customer page to compare with');
  const firstKeys = first.customers.map(customerKey);
  const total = first.recordCount ?? firstKeys.length;
  if (first.recordCount !== null && first.recordCount > firstKeys.length) section.defaultPageSize = firstKeys.length;

  const one = await fetchPage(context, section, { page: '1', pageSize: String(SMALL_PAGE) });
  if (!one.page) {
    section.outcome = 'fail';
    section.reason = `customerRequest.page=1 gave no usable answer: ${whyUnusable(one.exchange)}`;
    return;
  }
  const oneKeys = one.page.customers.map(customerKey);
  section.requestedPageSizeHonoured = oneKeys.length === Math.min(SMALL_PAGE, total);
  section.pageOneIsFirst = oneKeys.length > 0 && sameKeys(oneKeys, firstKeys.slice(0, oneKeys.length));

  const zero = await fetchPage(context, section, { page: '0', pageSize: String(SMALL_PAGE) });
  const zeroStatus = zero.exchange.status;
  if (zeroStatus !== null && zeroStatus >= 400) section.pageZero = 'error';
  else if (zero.page) {
    const zeroKeys = zero.page.customers.map(customerKey);
    if (zeroKeys.length === 0) section.pageZero = 'empty';
    else if (sameKeys(zeroKeys, oneKeys)) section.pageZero = 'same-as-page-1';
    else if (sameKeys(zeroKeys, firstKeys.slice(0, zeroKeys.length))) section.pageZero = 'first-records';
    else section.pageZero = 'other';
  }
  if (section.pageOneIsFirst && ['error', 'same-as-page-1', 'empty'].includes(section.pageZero ?? '')) {
    section.base = 'one-based';
  } else if (!section.pageOneIsFirst && section.pageZero === 'first-records') {
    section.base = 'zero-based';
  }

  const over = await fetchPage(context, section, { pageSize: String(OVER_MAXIMUM) });
  const overStatus = over.exchange.status;
  if (overStatus !== null && overStatus >= 400 && overStatus < 500) section.overMaximum = 'rejected';
  else if (over.page) {
    const listed = over.page.customers.length;
    if (listed > 500) section.overMaximum = 'honoured';
    else if (total > 500) section.overMaximum = 'clamped';
    else section.overMaximum = 'accepted';
  } else section.overMaximum = 'unclear';
  section.outcome = 'pass';
}

async function fetchPage(
  context: ProbeContext,
  section: CustomerPaging,
  params: { page?: string; pageSize?: string },
): Promise<{ exchange: Exchange; page: CustomerPage | null }> {
  const query: Record<string, string> = {};
  if (params.page !== undefined) query['customerRequest.page'] = params.page;
  if (params.pageSize !== undefined) query['customerRequest.pageSize'] = params.pageSize;
  const { exchange, body } = await sendRecorded(context, CUSTOMER_OPERATION, {
    method: 'GET',
    path: '/ctapi/Customer',
    query,
  });
  section.exchanges.push(exchange);
  return { exchange, page: body === undefined ? null : readCustomerPage(body, context.redactor) };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}
