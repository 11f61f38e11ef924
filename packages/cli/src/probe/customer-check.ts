// GET /ctapi/Customer without paging parameters. Customer records are personal data: the report
// gets counts and shapes ("9999 999 999"), never a value, and every value read is handed to the
// redactor in case a later error message echoes one.
import { asNumber, asRecord, callEndpoint, emptyEndpointSection } from './endpoint-call.js';
import type { Operation } from './exchange.js';
import type { ProbeContext } from './probe-context.js';
import type { CustomerSection, FieldShape } from './probe-report.js';
import type { Redactor } from './redactor.js';

/** The Customer operation. */
export const CUSTOMER_OPERATION: Operation = { method: 'GET', path: '/ctapi/Customer' };

/** Fields of a customer record that describe a person. */
export const PERSONAL_FIELDS = [
  'FirstName',
  'LastName',
  'Email',
  'UserName',
  'AccountNumber',
  'Mobile',
  'DayTimeContact',
  'WorkContact',
  'Location',
  'DateOfBirth',
] as const;

const MAX_SHAPES = 3;
const MAX_SHAPE_LENGTH = 40;

/** The customer list of a Customer response, and what it says in total. */
export interface CustomerPage {
  customers: Record<string, unknown>[];
  recordCount: number | null;
}

/** A customer section before its step runs. */
export function emptyCustomerSection(): CustomerSection {
  return {
    ...emptyEndpointSection(CUSTOMER_OPERATION),
    recordCount: null,
    listed: null,
    devicesListed: null,
    personalFields: {},
  };
}

/** Runs the Customer step into `section`; returns the page for the paging step. */
export async function checkCustomer(context: ProbeContext, section: CustomerSection): Promise<CustomerPage | null> {
  const body = await callEndpoint(context, section, CUSTOMER_OPERATION, { method: 'GET', path: '/ctapi/Customer' });
  if (body === undefined) return null;
  const page = readCustomerPage(body, context.redactor);
  section.recordCount = page.recordCount;
  section.listed = page.customers.length;
  section.devicesListed = page.customers.reduce(
    (sum, customer) => sum + (Array.isArray(customer.Devices) ? customer.Devices.length : 0),
    0,
  );
  section.personalFields = shapesOf(page.customers);
  return page;
}

/** Reads a Customer body, registering every personal value with the redactor. */
export function readCustomerPage(body: unknown, redactor: Redactor): CustomerPage {
  const fields = asRecord(body);
  const list = Array.isArray(fields.CustomerList) ? fields.CustomerList : [];
  const customers = list.map(asRecord);
  for (const customer of customers) for (const field of PERSONAL_FIELDS) redactor.addPersonal(customer[field]);
  return { customers, recordCount: asNumber(fields.RecordCount) };
}

/** A key that tells customers apart without being shown: CustomerId, else the whole record. */
export function customerKey(customer: Record<string, unknown>): string {
  return typeof customer.CustomerId === 'string' ? customer.CustomerId : JSON.stringify(customer);
}

function shapesOf(customers: readonly Record<string, unknown>[]): Record<string, FieldShape> {
  const result: Record<string, FieldShape> = {};
  for (const field of PERSONAL_FIELDS) {
    const counts = new Map<string, number>();
    let present = 0;
    let empty = 0;
    for (const customer of customers) {
      if (!(field in customer)) continue;
      present += 1;
      const value = customer[field];
      if (value === null || value === '') empty += 1;
      else {
        const shape = shapeOf(value);
        counts.set(shape, (counts.get(shape) ?? 0) + 1);
      }
    }
    const shapes = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_SHAPES)
      .map(([shape]) => shape);
    result[field] = { present, empty, shapes };
  }
  return result;
}

/**
 * The shape of a value: every run of letters becomes one `a` (so not even a name's length shows),
 * every digit a `9` (digit counts tell a phone or date format apart), the rest stays.
 */
export function shapeOf(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  const shape = value.replace(/\p{L}+/gu, 'a').replace(/\p{N}/gu, '9');
  return shape.length > MAX_SHAPE_LENGTH ? `${shape.slice(0, MAX_SHAPE_LENGTH - 1)}…` : shape;
}
