// GET /ctapi/Customer with the customerRequest.* query filters; page is 1-based (see the
// x-decision-paging note of the OpenAPI description).
import type { Context } from 'hono';
import type { CustomerRecord, World } from '../data/world.js';
import type { AppEnv } from '../http/app-env.js';
import { badRequest } from '../http/error-response.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 500;

/** GET /ctapi/Customer: the account's customers filtered by reference, phone and address, one page. */
export function customerRoute(world: World): (c: Context<AppEnv>) => Response {
  return (c) => {
    // Query names are matched case-insensitively, as ASP.NET model binding does.
    const query = new Map<string, string>();
    for (const [name, value] of new URL(c.req.url).searchParams) query.set(name.toLowerCase(), value);
    const ref = query.get('customerrequest.customerref')?.trim().toLowerCase() ?? '';
    const rawPhone = query.get('customerrequest.phone')?.trim() ?? '';
    const phone = rawPhone.replace(/\D/g, '');
    const address = query.get('customerrequest.address')?.trim().toLowerCase() ?? '';
    const page = integerParam(query.get('customerrequest.page'), 'customerRequest.page', 1, Number.MAX_SAFE_INTEGER, 1);
    const pageSize = integerParam(
      query.get('customerrequest.pagesize'),
      'customerRequest.pageSize',
      1,
      MAX_PAGE_SIZE,
      DEFAULT_PAGE_SIZE,
    );
    const { first, end } = world.customerRange(c.get('account').distributorId);
    const start = (page - 1) * pageSize;
    if (ref === '' && rawPhone === '' && address === '') {
      // Unfiltered: the page is built alone, however many customers the world has.
      const list: CustomerRecord[] = [];
      for (let i = first + start; i < Math.min(end, first + start + pageSize); i++) list.push(world.customer(i));
      return c.json({ RecordCount: end - first, CustomerList: list });
    }
    const matches: CustomerRecord[] = [];
    for (let i = first; i < end; i++) {
      const customer = world.customer(i);
      if (
        customer.AccountNumber.toLowerCase().startsWith(ref) &&
        // A phone filter without digits matches nobody rather than everybody.
        (rawPhone === '' || (phone !== '' && phoneDigits(customer).some((digits) => digits.includes(phone)))) &&
        customer.Location.toLowerCase().includes(address)
      ) {
        matches.push(customer);
      }
    }
    return c.json({ RecordCount: matches.length, CustomerList: matches.slice(start, start + pageSize) });
  };
}

function phoneDigits(customer: CustomerRecord): string[] {
  return [customer.Mobile, customer.DayTimeContact, customer.WorkContact]
    .map((phone) => phone.replace(/\D/g, ''))
    .filter((digits) => digits !== '');
}

function integerParam(raw: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`);
  }
  return value;
}
