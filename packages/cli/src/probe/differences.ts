// The headline of the report: what the server does differently from the OpenAPI description (and
// the documentation it was written from), in sentences, read off the finished sections. Steps that
// could not run are failures, listed apart: a timeout says nothing about the contract.

import { NUMBER_FORMS } from './number-forms.js';
import type { Exchange, NumberForm, ProbeReport, SectionBase } from './probe-report.js';

/** One difference and the section it belongs to. */
export interface Difference {
  section: SectionBase;
  text: string;
}

const DESCRIBED_TOKEN_PATH = '/oauth/token';
const DESCRIBED_CUSTOMER_PAGE_SIZE = 20;
const DESCRIBED_DEVICE_PAGE_SIZE = 50;
const DESCRIBED_INTERVAL_SECONDS = 300;

/** Every difference the report shows, each once, in section order. */
export function listDifferences(report: ProbeReport): Difference[] {
  const found: Difference[] = [];
  const keys = new Set<string>();
  const add = (section: SectionBase, text: string, key = text) => {
    if (keys.has(key)) return;
    keys.add(key);
    found.push({ section, text });
  };
  const { token, endpoints, numberFormats, rateLimit, power } = report;

  const tokenExchanges = token.path
    ? token.exchanges.filter((e) => e.request.startsWith(`POST ${token.path} `))
    : token.exchanges;
  for (const exchange of tokenExchanges) for (const d of exchangeDifferences(exchange)) add(token, d.text, d.key);
  for (const text of tokenDifferences(report)) add(token, text);

  for (const section of Object.values(endpoints)) {
    if (section.exchange) for (const d of exchangeDifferences(section.exchange)) add(section, d.text, d.key);
  }
  const { measurement } = endpoints;
  if (measurement.intervalSeconds !== null && measurement.intervalSeconds !== DESCRIBED_INTERVAL_SECONDS) {
    add(
      measurement,
      `Measurement records are ${measurement.intervalSeconds} s apart, not ${DESCRIBED_INTERVAL_SECONDS} s`,
    );
  }
  if (measurement.extraFields.length > 0) {
    add(
      measurement,
      `Measurement records carry fields the description does not list: ${measurement.extraFields.join(', ')}`,
    );
  }

  const forms = formList(numberFormats.forms);
  if (numberFormats.verdict === 'dotnet') {
    add(
      numberFormats,
      `Measurement numbers are written as .NET's #.## prints them (${forms}), not as the documentation's examples show them ("0.00", "1,000.00"); the description accepts both and reads "" as zero (x-decision-number-format)`,
    );
  } else if (numberFormats.verdict === 'mixed') {
    add(
      numberFormats,
      `Measurement numbers mix the documentation's example forms and .NET's (${forms}): ${numberFormats.notDocsExamples} values are not in the examples' forms, ${numberFormats.notDotnetPatterns} not .NET's`,
    );
  } else if (numberFormats.verdict === 'invalid') {
    add(
      numberFormats,
      `${numberFormats.forms.other} measurement values are not formatted numbers (e.g. ${numberFormats.otherExamples.join(', ')})`,
    );
  }

  for (const d of pagingDifferences(report)) add(d.section, d.text, d.key);

  const limited = rateLimit.status429 > 0;
  if (limited && rateLimit.retryAfter.length === 0) add(rateLimit, '429 answers carry no Retry-After header');
  const oddRetryAfter = rateLimit.retryAfter.find((value) => !/^\d+$/.test(value.trim()));
  if (oddRetryAfter !== undefined) {
    add(rateLimit, `Retry-After is sent as "${oddRetryAfter}", not as whole seconds as described`);
  }

  if (power.verdict === 'kW') {
    add(
      power,
      `Power values look like kW, where the toolkit assumes W (x-decision-units; use powerUnit: 'kW'): ${power.reasoning}`,
    );
  }
  return found;
}

/** What could not be checked and why, one line a reason. */
export function listFailures(report: ProbeReport): string[] {
  const { token, endpoints, numberFormats, paging, rateLimit, power } = report;
  const sections: [string, SectionBase][] = [
    ['Token endpoint', token],
    ...Object.values(endpoints).map((s): [string, SectionBase] => [s.operation, s]),
    ['Number formats', numberFormats],
    ['Customer paging', paging.customer],
    ['Device paging', paging.device],
    ['Measurement paging', paging.measurement],
    ['Rate limit', rateLimit],
    ['Power magnitude', power],
  ];
  // Sections that stopped for the same reason share a line: one dead server is one finding.
  const byReason = new Map<string, string[]>();
  for (const [label, section] of sections) {
    if (section.outcome !== 'fail' && section.outcome !== 'skipped') continue;
    const why = `${section.outcome === 'fail' ? 'failed' : 'skipped'}, ${section.reason ?? 'no reason given'}`;
    byReason.set(why, [...(byReason.get(why) ?? []), label]);
  }
  return [...byReason].map(([why, labels]) => `${labels.join(', ')}: ${why}`);
}

/**
 * What one answer does differently: not JSON, an undocumented status, a body off its schema. Each
 * comes with a key naming the operation and status, so the same finding on several pages of an
 * operation is listed once.
 */
export function exchangeDifferences(exchange: Exchange): { key: string; text: string }[] {
  if (exchange.status === null) return [];
  const request = exchange.request.replace(/ \{.*$/, '');
  const operation = request.replace(/\?.*$/, '');
  const status = exchange.status;
  const contentType = exchange.contentType ?? 'no Content-Type';
  const key = (what: string) => `${what} ${operation} ${status}`;
  if (exchange.json === 'not-json') {
    return [{ key: key('not-json'), text: `${request} answered ${status} with ${contentType}, not JSON` }];
  }
  if (exchange.json === 'invalid') {
    return [{ key: key('invalid'), text: `${request} answered ${status} with ${contentType} that does not parse` }];
  }
  const found: { key: string; text: string }[] = [];
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(exchange.contentType ?? '')) {
    found.push({ key: key('content-type'), text: `${request} sends JSON as ${contentType}` });
  }
  if (exchange.schema.documented === false) {
    found.push({
      key: key('status'),
      text: `${request} answered ${status}, a status the description does not document for it`,
    });
  }
  if (exchange.schema.valid === false) {
    const first = exchange.schema.errors[0];
    const example = first ? `, e.g. ${first.instancePath || '(the body)'} ${first.message}` : '';
    const count = exchange.schema.errorCount;
    found.push({
      key: key('schema'),
      text: `${request} (${status}) does not match its schema: ${count} error${count === 1 ? '' : 's'}${example}`,
    });
  }
  return found;
}

function tokenDifferences({ token }: ProbeReport): string[] {
  const found: string[] = [];
  if (token.path && token.path !== DESCRIBED_TOKEN_PATH) {
    found.push(`The token endpoint is at ${token.path}, not at ${DESCRIBED_TOKEN_PATH} as described`);
  }
  if (!token.passwordGrant) return found;
  if (token.tokenType !== null && token.tokenType.toLowerCase() !== 'bearer') {
    found.push(`token_type is "${token.tokenType}", not bearer`);
  }
  if (token.expiresIn !== null && token.expiresIn <= 0) found.push(`expires_in is ${token.expiresIn}`);
  if (token.noStore === false) found.push('Token responses do not send Cache-Control: no-store');
  if (!token.refreshTokenReturned) {
    found.push('The password grant returns no refresh_token: clients must sign in with the password again');
  }
  const { refresh } = token;
  if (refresh.works === false) found.push('The refresh_token grant is refused (see the token exchanges)');
  if (refresh.works && refresh.rotates === false) {
    found.push('Refresh tokens do not rotate: the refresh returned no new refresh_token (x-decision-refresh-token)');
  }
  if (refresh.oldTokenStillWorks) {
    found.push('A refresh token still works after it was replaced (x-decision-refresh-token: it stops working)');
  }
  return found;
}

function pagingDifferences({ paging }: ProbeReport): (Difference & { key?: string })[] {
  const found: (Difference & { key?: string })[] = [];
  const { customer, device, measurement } = paging;
  const add = (section: SectionBase, text: string, key?: string) => found.push({ section, text, key });
  for (const exchange of [...customer.exchanges, ...device.exchanges, ...measurement.exchanges]) {
    const section = customer.exchanges.includes(exchange)
      ? customer
      : device.exchanges.includes(exchange)
        ? device
        : measurement;
    for (const d of exchangeDifferences(exchange)) add(section, d.text, d.key);
  }

  if (customer.base === 'zero-based') add(customer, 'customerRequest.page counts from 0, not from 1 as described');
  if (customer.pageOneIsFirst === false) add(customer, 'customerRequest.page=1 does not return the first customers');
  if (customer.pageZero !== null && customer.pageZero !== 'error' && customer.base !== 'zero-based') {
    const what = customer.pageZero === 'empty' ? 'an empty list' : customer.pageZero.replaceAll('-', ' ');
    add(customer, `customerRequest.page=0 is accepted (${what}) where the description's minimum is 1`);
  }
  if (customer.defaultPageSize !== null && customer.defaultPageSize !== DESCRIBED_CUSTOMER_PAGE_SIZE) {
    add(
      customer,
      `Without customerRequest.pageSize, Customer pages hold ${customer.defaultPageSize}, not ${DESCRIBED_CUSTOMER_PAGE_SIZE}`,
    );
  }
  if (customer.requestedPageSizeHonoured === false) {
    add(customer, `customerRequest.pageSize=${customer.requestedPageSize} is not honoured`);
  }
  const over = `customerRequest.pageSize=${customer.overMaximumPageSize}`;
  if (customer.overMaximum === 'clamped') add(customer, `${over} is served as 500 instead of refused (maximum 500)`);
  if (customer.overMaximum === 'honoured') add(customer, `${over} returns more than the described maximum of 500`);
  if (customer.overMaximum === 'accepted') add(customer, `${over} is accepted where the description's maximum is 500`);

  if (device.base === 'one-based') add(device, 'Device PageIndex counts from 1, not from 0 as described');
  if (device.base === 'one-based-or-ignored') {
    add(device, 'Device PageIndex 1 returns the devices of PageIndex 0: PageIndex counts from 1 or is ignored');
  }
  if (
    device.devicesPerPage !== null &&
    device.count !== null &&
    device.count > device.devicesPerPage &&
    device.devicesPerPage !== DESCRIBED_DEVICE_PAGE_SIZE
  ) {
    add(device, `Device pages hold ${device.devicesPerPage} devices, not ${DESCRIBED_DEVICE_PAGE_SIZE}`);
  }
  for (const text of device.inconsistencies) add(device, `Device paging: ${text}`);
  for (const text of measurement.inconsistencies) add(measurement, `Measurement paging: ${text}`);
  return found;
}

function formList(forms: Record<NumberForm, number>): string {
  return NUMBER_FORMS.filter((form) => forms[form] > 0)
    .map((form) => `${form} ${forms[form].toLocaleString('en-AU')}`)
    .join(', ');
}
