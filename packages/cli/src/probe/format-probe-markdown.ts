// The report as Markdown, for a partner to read and paste into an issue: the differences first,
// then what could not be checked, then each section. Every value from the server is escaped, so a
// hostile answer cannot inject HTML, links or table cells.

import { NUMBER_FORMS } from './number-forms.js';
import type {
  Distribution,
  Exchange,
  FieldShape,
  NumberFormatSection,
  ProbeReport,
  SectionBase,
} from './probe-report.js';

/** Renders a probe report as Markdown. */
export function formatProbeMarkdown(report: ProbeReport): string {
  const lines: string[] = [];
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push('# carbonTRACK API probe', '');
  lines.push(
    `Target ${esc(report.target)}, started ${esc(report.startedAt)}: ${report.requestCount} of ${report.requestBudget} requests, ${seconds} s.${report.budgetExhausted ? ' The request budget ran out.' : ''}${report.aborted ? ' The run was aborted.' : ''}`,
    '',
  );
  lines.push('## Differences from the OpenAPI description', '');
  lines.push(...bullets(report.differences, 'None found in what could be checked.'), '');
  if (report.failures.length > 0) lines.push('## Could not check', '', ...bullets(report.failures, ''), '');
  lines.push(...summary(report), '');
  lines.push(...token(report), '');
  lines.push(...endpoints(report), '');
  lines.push(...numberFormats(report.numberFormats), '');
  lines.push(...paging(report), '');
  lines.push(...rateLimit(report), '');
  lines.push(...power(report));
  return `${lines.join('\n').trimEnd()}\n`;
}

function summary(report: ProbeReport): string[] {
  const { token, endpoints: e, numberFormats: n, paging: p, rateLimit: r, power: w } = report;
  const rows: [string, SectionBase, string][] = [
    ['Token endpoint', token, token.passwordGrant ? `${token.path}, expires_in ${token.expiresIn ?? '?'}` : ''],
    ...Object.values(e).map((s): [string, SectionBase, string] => [
      s.operation,
      s,
      s.exchange ? brief(s.exchange) : '',
    ]),
    ['Number formats', n, n.values > 0 ? n.verdict : ''],
    ['Customer paging', p.customer, p.customer.base],
    ['Device paging', p.device, p.device.base],
    [
      'Measurement paging',
      p.measurement,
      p.measurement.consistent === null ? '' : p.measurement.consistent ? 'consistent' : 'inconsistent',
    ],
    ['Rate limit', r, r.burstSize > 0 ? (r.limited ? `429 after ${r.burstSize}` : `no 429 in ${r.burstSize}`) : ''],
    ['Power unit', w, w.outcome === 'skipped' ? '' : w.verdict],
  ];
  return [
    '## Summary',
    '',
    '| Check | Outcome | Seen |',
    '|---|---|---|',
    ...rows.map(([label, s, seen]) => {
      const stopped = s.outcome === 'fail' || s.outcome === 'skipped';
      return `| ${esc(label)} | ${s.outcome} | ${esc((stopped ? s.reason : seen) || seen || '')} |`;
    }),
  ];
}

function token({ token: t }: ProbeReport): string[] {
  const lines = ['## Token endpoint', ''];
  if (t.reason) lines.push(`${outcomeLine(t)}`, '');
  if (t.passwordGrant) {
    lines.push(
      `- Path: ${esc(t.path ?? '')}`,
      `- Password grant: works; expires_in ${t.expiresIn ?? 'missing'}; token_type ${esc(t.tokenType ?? 'missing')}; issued_at ${t.issuedAt ? 'present' : 'missing'}; refresh_token ${t.refreshTokenReturned ? 'returned' : 'not returned'}; Cache-Control no-store ${yesNo(t.noStore)}`,
      `- Refresh: ${t.refresh.attempted ? `works ${yesNo(t.refresh.works)}; expires_in ${t.refresh.expiresIn ?? '?'}; rotates ${yesNo(t.refresh.rotates)}; replaced token still works ${yesNo(t.refresh.oldTokenStillWorks)}` : 'not tried'}`,
      `- Signed in again after a 401: ${t.reauthentications} time${t.reauthentications === 1 ? '' : 's'}`,
      '',
    );
  }
  lines.push(...exchangeTable(t.exchanges));
  return lines;
}

function endpoints({ endpoints: e }: ProbeReport): string[] {
  const lines = ['## Endpoints', ''];
  lines.push(...exchangeTable(Object.values(e).flatMap((s) => (s.exchange ? [s.exchange] : []))), '');
  for (const section of Object.values(e)) {
    if (section.reason) lines.push(`- ${esc(section.operation)}: ${outcomeLine(section)}`);
  }
  const { distributor: d, customer: c, device: v, measurement: m } = e;
  if (d.distributors !== null) lines.push(`- Distributors listed: ${d.distributors}`);
  if (c.listed !== null) {
    lines.push(
      `- Customers: RecordCount ${c.recordCount ?? 'missing'}, ${c.listed} listed, ${c.devicesListed ?? 0} device IDs among them`,
    );
  }
  if (v.listed !== null) {
    lines.push(
      `- Devices: Count ${v.count ?? 'missing'}, ${v.listed} listed, ${v.idsNotSixteenDigits ?? 0} IDs not 16 digits`,
    );
  }
  if (m.device !== null) {
    lines.push(
      `- Measurements: device ${esc(m.device)}, ${esc(m.from ?? '')} to ${esc(m.to ?? '')}: ${m.records ?? 'no'} records, ${m.intervalSeconds ?? '?'} s apart${m.extraFields.length ? `; fields not in the description: ${esc(m.extraFields.join(', '))}` : ''}`,
    );
  }
  const shapes = Object.entries(c.personalFields);
  if (shapes.length > 0) {
    lines.push(
      '',
      'Personal fields of the customers listed (shapes only: letters as a, digits as 9):',
      '',
      '| Field | Present | Empty | Commonest shapes |',
      '|---|---|---|---|',
      ...shapes.map(([field, shape]) => shapeRow(field, shape)),
    );
  }
  return lines;
}

function numberFormats(n: NumberFormatSection): string[] {
  const lines = ['## Number formats', ''];
  if (n.outcome === 'skipped' || n.outcome === 'fail') return [...lines, outcomeLine(n)];
  lines.push(
    `${n.values.toLocaleString('en-AU')} measurement values: verdict ${n.verdict}. Not in the documentation's example forms: ${n.notDocsExamples}; not what .NET's #.## / #,###.## print: ${n.notDotnetPatterns}.`,
    '',
    '| Form | Values |',
    '|---|---|',
    ...NUMBER_FORMS.filter((form) => n.forms[form] > 0).map((form) => `| ${form} | ${n.forms[form]} |`),
  );
  if (n.otherExamples.length > 0) lines.push('', `Examples of other values: ${esc(n.otherExamples.join(', '))}`);
  return lines;
}

function paging({ paging: p }: ProbeReport): string[] {
  const { customer: c, device: d, measurement: m } = p;
  const lines = ['## Paging', '', '### Customer', ''];
  if (c.reason) lines.push(outcomeLine(c));
  else {
    lines.push(
      `- Page base: ${c.base}; page=1 gives the first records: ${yesNo(c.pageOneIsFirst)}; page=0 gives: ${c.pageZero ?? '?'}`,
      `- Page size without pageSize: ${c.defaultPageSize ?? 'all fit on one page'}; pageSize=${c.requestedPageSize} honoured: ${yesNo(c.requestedPageSizeHonoured)}; pageSize=${c.overMaximumPageSize}: ${c.overMaximum ?? '?'}`,
    );
  }
  lines.push('', '### Device', '');
  if (d.reason) lines.push(outcomeLine(d));
  else {
    lines.push(
      `- PageIndex base: ${d.base}; devices a page: ${d.devicesPerPage ?? '?'}; Count ${d.count ?? '?'}; Pages ${d.pages ?? '?'}; consistent: ${yesNo(d.consistent)}`,
      ...d.inconsistencies.map((text) => `- ${esc(text)}`),
    );
  }
  lines.push('', '### Measurement', '');
  if (m.reason) lines.push(outcomeLine(m));
  else {
    lines.push(
      `- Records on page 0: ${m.recordsPerPage ?? '?'}; Count ${m.count ?? '?'}; Pages ${m.pages ?? '?'}; PageIndex 1: ${m.secondPage ?? '?'}; consistent: ${yesNo(m.consistent)}`,
      ...m.inconsistencies.map((text) => `- ${esc(text)}`),
    );
  }
  return lines;
}

function rateLimit({ rateLimit: r }: ProbeReport): string[] {
  const lines = ['## Rate limit', ''];
  if (r.reason) lines.push(outcomeLine(r));
  else {
    const statuses = r.burstStatuses.map((s) => s ?? 'none').join(', ');
    lines.push(
      `- Burst of ${r.burstSize} GET /ctapi/Distributor: ${statuses}${r.limited ? ' (stopped at the 429)' : ''}`,
    );
  }
  const headers = Object.entries(r.headers).map(([name, value]) => `${name}: ${value}`);
  lines.push(
    `- 429s over the run: ${r.status429}; Retry-After seen: ${esc(r.retryAfter.join(', ') || 'none')}; rate-limit headers: ${esc(headers.join('; ') || 'none')}`,
  );
  if (r.exchange) lines.push('', ...exchangeTable([r.exchange]));
  return lines;
}

function power({ power: w }: ProbeReport): string[] {
  const lines = ['## Power magnitude', ''];
  if (w.outcome === 'skipped' || w.outcome === 'fail') return [...lines, outcomeLine(w)];
  lines.push(
    '| Field | Values | Median | p95 | Max |',
    '|---|---|---|---|---|',
    distributionRow('PowerUsage', w.powerUsage),
    distributionRow('Generating', w.generating),
    '',
    `Verdict: ${w.verdict}. ${esc(w.reasoning)}`,
  );
  return lines;
}

function exchangeTable(exchanges: readonly Exchange[]): string[] {
  if (exchanges.length === 0) return [];
  const rows = exchanges.map((x) => {
    const status =
      x.status === null
        ? esc(x.error ?? 'no response')
        : `${x.status}${x.retriedAfter429 ? ' (retried after 429)' : ''}`;
    return `| ${esc(x.request)} | ${status} | ${esc(x.contentType ?? '')} | ${x.durationMs ?? ''} | ${schemaCell(x)} |`;
  });
  return ['| Request | Status | Content-Type | ms | Schema |', '|---|---|---|---|---|', ...rows];
}

function schemaCell(x: Exchange): string {
  const { schema } = x;
  if (schema.valid === null) return esc(schema.note ?? 'not checked');
  const undocumented = schema.documented === false ? ' (status not documented)' : '';
  if (schema.valid) return `valid${undocumented}`;
  const issues = schema.errors.map(
    (e) => `${e.instancePath || '/'} ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`,
  );
  return esc(`${schema.errorCount} errors${undocumented}: ${issues.join('; ')}`);
}

function shapeRow(field: string, shape: FieldShape): string {
  return `| ${esc(field)} | ${shape.present} | ${shape.empty} | ${esc(shape.shapes.join(' · '))} |`;
}

function distributionRow(field: string, d: Distribution | null): string {
  if (!d) return `| ${field} | 0 | | | |`;
  return `| ${field} | ${d.count} | ${num(d.median)} | ${num(d.p95)} | ${num(d.max)} |`;
}

function brief(x: Exchange): string {
  if (x.status === null) return x.error ?? 'no response';
  const schema =
    x.schema.valid === null ? 'not checked' : x.schema.valid ? 'schema valid' : `${x.schema.errorCount} schema errors`;
  return `${x.status} ${x.contentType ?? ''}, ${schema}`;
}

function outcomeLine(section: SectionBase): string {
  return `${section.outcome === 'fail' ? 'Failed' : section.outcome === 'skipped' ? 'Skipped' : 'Note'}: ${esc(section.reason ?? '')}`;
}

function bullets(items: readonly string[], none: string): string[] {
  return items.length === 0 ? [none] : items.map((item) => `- ${esc(item)}`);
}

function yesNo(value: boolean | null): string {
  return value === null ? '?' : value ? 'yes' : 'no';
}

function num(value: number): string {
  return (Math.round(value * 100) / 100).toLocaleString('en-AU');
}

/** Escapes text from the report for Markdown: no HTML, links, code spans, table cells or line breaks. */
function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|[\]`\\])/g, '\\$1')
    .replace(/[\r\n]+/g, ' ');
}
