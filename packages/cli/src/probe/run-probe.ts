// The probe run, top to bottom: token, the four endpoints, paging, the number forms and power unit
// of the sampled day, then the rate-limit burst last, so its 429s cannot disturb the other steps.
// Each step records its own failure and the run goes on; the report is scrubbed of secrets and
// personal values before it is returned.

import { checkCustomer, emptyCustomerSection } from './customer-check.js';
import { checkCustomerPaging, emptyCustomerPaging } from './customer-paging.js';
import { checkDevice, emptyDeviceSection } from './device-check.js';
import { checkDevicePaging, emptyDevicePaging } from './device-paging.js';
import { listDifferences, listFailures } from './differences.js';
import { checkDistributor, emptyDistributorSection } from './distributor-check.js';
import { checkMeasurement, emptyMeasurementSection } from './measurement-check.js';
import { checkMeasurementPaging, emptyMeasurementPaging } from './measurement-paging.js';
import { emptyNumberFormatSection, tallyNumberForms } from './number-forms.js';
import { emptyPowerSection, judgePowerUnit } from './power-magnitude.js';
import { guard, type ProbeContext, skip } from './probe-context.js';
import { ProbeHttp } from './probe-http.js';
import type { ProbeReport, SectionBase, SectionOutcome } from './probe-report.js';
import { ProbeSession } from './probe-session.js';
import { addRateLimitObservations, checkRateLimit, emptyRateLimitSection } from './rate-limit-check.js';
import { describeError, Redactor } from './redactor.js';
import { responseSchemas } from './response-schema.js';
import { parseTarget } from './target.js';
import { checkToken, emptyTokenSection } from './token-check.js';

/** Options of {@link runProbe}. */
export interface ProbeOptions {
  /** Base URL of the API, e.g. `https://apiv2.carbontrack.com.au`. */
  baseUrl: string;
  /** Login name; sent only in the token request's form body. */
  username: string;
  /** Password; sent only in the token request's form body, never reported. */
  password: string;
  /** The fetch to send with (default the global one). */
  fetch?: typeof fetch;
  /** Most requests the run may send, retries and sign-ins included (default 60). */
  requestBudget?: number;
  /** Timeout of each request, body included, in milliseconds (default 10,000). */
  requestTimeoutMs?: number;
  /** Stops the run; the report then says what was not done. */
  signal?: AbortSignal;
  /** Clock in epoch milliseconds; picks the day sampled (default `Date.now`). */
  now?: () => number;
  /** Allows plain http to a host other than this machine, which would send the password in clear (default false). */
  allowInsecureHttp?: boolean;
}

/** Default of {@link ProbeOptions.requestBudget}: about 25 requests a run, room for retries. */
export const DEFAULT_REQUEST_BUDGET = 60;
/** Default of {@link ProbeOptions.requestTimeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Probes a carbonTRACK API for how it differs from the OpenAPI description: token endpoint,
 * endpoint schemas, number formats, paging, rate limiting and power units. Never throws for what
 * the server does; every step records its own failure in the report.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const now = options.now ?? Date.now;
  const nowMs = now();
  const started = performance.now();
  const budget = Math.max(0, Math.floor(options.requestBudget ?? DEFAULT_REQUEST_BUDGET));
  const redactor = new Redactor();
  redactor.addSecret(options.password);
  const target = parseTarget(options.baseUrl, options.allowInsecureHttp ?? false, redactor);
  const report = emptyReport(target.display, new Date(nowMs).toISOString(), budget);
  const http = new ProbeHttp({
    baseUrl: target.url ?? '',
    fetch: options.fetch ?? globalThis.fetch,
    budget,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    signal: options.signal,
    describeError: (error) => describeError(error, redactor),
  });
  const credentials = { username: options.username, password: options.password };
  const context: ProbeContext = {
    http,
    session: new ProbeSession(http, credentials, redactor),
    redactor,
    schemas: responseSchemas,
    credentials,
    nowMs,
  };
  if (target.problem || target.url === null) {
    report.token.outcome = 'fail';
    report.token.reason = target.problem ?? 'no base URL';
    skipAll(report, `not run: ${report.token.reason}`);
  } else {
    await runSteps(context, report);
  }
  addRateLimitObservations(report.rateLimit, http.rateLimits);
  report.token.reauthentications = context.session.reauthentications;
  try {
    const differences = listDifferences(report);
    for (const { section } of differences) if (section.outcome === 'pass') section.outcome = 'differs';
    report.differences = differences.map((d) => d.text);
    report.paging.outcome = combine(pagingSections(report));
    report.failures = listFailures(report);
  } catch (error) {
    // The sections are still worth having when their summary is not.
    report.failures.push(`Summary: failed, ${describeError(error, redactor)}`);
  }
  report.requestCount = http.count;
  report.budgetExhausted = http.budgetExhausted;
  report.aborted = http.aborted;
  report.durationMs = Math.round(performance.now() - started);
  return redactor.scrub(report);
}

async function runSteps(context: ProbeContext, report: ProbeReport): Promise<void> {
  const { token, endpoints, paging, numberFormats, power, rateLimit } = report;
  await guard(context, token, () => checkToken(context, token), undefined);
  // Without any HTTP answer from the token endpoint there is no server to ask about the rest.
  if (!token.exchanges.some((exchange) => exchange.status !== null)) {
    return skipAll(report, 'not run: the token request got no answer (see Token endpoint)');
  }
  // Without a token the endpoints are still asked once each: what they answer (a documented 401,
  // or an HTML page) says something about the server.
  await guard(context, endpoints.distributor, () => checkDistributor(context, endpoints.distributor), undefined);
  const customers = await guard(context, endpoints.customer, () => checkCustomer(context, endpoints.customer), null);
  const devices = await guard(context, endpoints.device, () => checkDevice(context, endpoints.device), null);
  if (!context.session.authenticated) {
    const reason = 'no access token: the token step failed';
    for (const section of [endpoints.measurement, numberFormats, power, rateLimit, ...pagingSections(report)]) {
      skip(section, reason);
    }
    return;
  }

  await guard(context, paging.customer, () => checkCustomerPaging(context, paging.customer, customers), undefined);
  const fromSecondPage = await guard(
    context,
    paging.device,
    () => checkDevicePaging(context, paging.device, devices),
    null,
  );
  const sampleDevices = devices?.devices.length ? devices.devices : (fromSecondPage?.devices ?? []);
  const sample = await guard(
    context,
    endpoints.measurement,
    () => checkMeasurement(context, endpoints.measurement, sampleDevices),
    null,
  );
  if (sample && sample.records.length > 0) {
    await guard(context, numberFormats, async () => tallyNumberForms(numberFormats, sample.records), undefined);
    await guard(context, power, async () => judgePowerUnit(power, sample.records), undefined);
  } else {
    const reason = sample ? 'the sampled day has no records' : 'no measurement records to look at';
    skip(numberFormats, reason);
    skip(power, reason);
  }
  await guard(
    context,
    paging.measurement,
    () => checkMeasurementPaging(context, paging.measurement, sample),
    undefined,
  );
  await guard(context, rateLimit, () => checkRateLimit(context, rateLimit), undefined);
}

function emptyReport(target: string, startedAt: string, budget: number): ProbeReport {
  return {
    reportVersion: 1,
    target,
    startedAt,
    durationMs: 0,
    requestBudget: budget,
    requestCount: 0,
    budgetExhausted: false,
    aborted: false,
    differences: [],
    failures: [],
    token: emptyTokenSection(),
    endpoints: {
      distributor: emptyDistributorSection(),
      customer: emptyCustomerSection(),
      device: emptyDeviceSection(),
      measurement: emptyMeasurementSection(),
    },
    numberFormats: emptyNumberFormatSection(),
    paging: {
      outcome: 'skipped',
      customer: emptyCustomerPaging(),
      device: emptyDevicePaging(),
      measurement: emptyMeasurementPaging(),
    },
    rateLimit: emptyRateLimitSection(),
    power: emptyPowerSection(),
  };
}

function pagingSections({ paging }: ProbeReport): SectionBase[] {
  return [paging.customer, paging.device, paging.measurement];
}

function skipAll(report: ProbeReport, reason: string): void {
  const { endpoints, numberFormats, power, rateLimit } = report;
  for (const section of [...Object.values(endpoints), numberFormats, power, rateLimit, ...pagingSections(report)]) {
    skip(section, reason);
  }
}

// The paging section as a whole: its worst part, where failing is worse than differing.
function combine(parts: readonly SectionBase[]): SectionOutcome {
  const order: SectionOutcome[] = ['fail', 'differs', 'pass', 'skipped'];
  return order.find((outcome) => parts.some((part) => part.outcome === outcome)) ?? 'skipped';
}
