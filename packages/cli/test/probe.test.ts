// The probe against the real simulator over real HTTP, and against servers that are not one: a
// closed port and a server that answers HTML to everything. No mocks: the only wrapper around
// fetch reads token responses, to prove no token reaches the report.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CustomerRecord, listen, type RunningSimulator, type SimulatorOptions } from '@carbontrack/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProbeMarkdown, type ProbeReport, runProbe } from '../src/probe/index.js';

const PASSWORD = 'demo';
const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A simulator; numbers default to the documentation's forms whatever CARBONTRACK_SIMULATOR_NUMBER_FORMAT says. */
async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const server = await listen({ numberFormat: 'docs', ...options }, { port: 0 });
  running.push(server);
  return server;
}

/** A fetch that remembers every string a granting token response carried (token_type aside). */
function capturingFetch(): { fetch: typeof fetch; secrets: string[] } {
  const secrets: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok && /\/token$/.test(new URL(String(input)).pathname)) {
      const body = await response
        .clone()
        .json()
        .catch(() => null);
      for (const [key, value] of Object.entries(body ?? {})) {
        if (typeof value === 'string' && key !== 'token_type') secrets.push(value);
      }
    }
    return response;
  };
  return { fetch: wrapped, secrets };
}

async function probe(server: RunningSimulator, options: { requestBudget?: number } = {}) {
  const { fetch: wrapped, secrets } = capturingFetch();
  const report = await runProbe({
    baseUrl: server.url,
    username: 'demo',
    password: PASSWORD,
    fetch: wrapped,
    ...options,
  });
  return { report, secrets, json: JSON.stringify(report), markdown: formatProbeMarkdown(report) };
}

function personalValues(customers: readonly CustomerRecord[]): string[] {
  return customers.flatMap((c) => [c.FirstName, c.LastName, c.Email, c.Mobile, c.Location]).filter((v) => v !== '');
}

/** Whether `value` appears in `text` as a whole word (so the name "Mia" is not found in "Miami"). */
function containsWord(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

function expectNoLeaks(texts: string[], secrets: string[], personal: string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(containsWord(text, PASSWORD)).toBe(false);
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    const leaked = personal.filter((value) => containsWord(text, value));
    expect(leaked).toEqual([]);
  }
}

function endpointSections(report: ProbeReport) {
  return Object.values(report.endpoints);
}

describe('runProbe against the simulator', () => {
  it('finds no difference in the default simulator and reports what it saw', async () => {
    const server = await simulator();
    const { report, secrets, json, markdown } = await probe(server);

    expect(report.differences).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.token).toMatchObject({
      outcome: 'pass',
      path: '/oauth/token',
      passwordGrant: true,
      expiresIn: 3600,
      tokenType: 'bearer',
      refreshTokenReturned: true,
      noStore: true,
      refresh: { attempted: true, works: true, rotates: true, oldTokenStillWorks: false },
    });
    for (const section of endpointSections(report)) {
      expect(section.outcome).toBe('pass');
      expect(section.exchange?.status).toBe(200);
      expect(section.exchange?.contentType).toMatch(/^application\/json/);
      expect(section.exchange?.schema).toMatchObject({ valid: true, documented: true, errorCount: 0 });
    }
    expect(report.numberFormats.verdict).toBe('docs');
    expect(report.numberFormats.forms.empty).toBe(0);
    expect(report.numberFormats.forms['plain-2dp']).toBeGreaterThan(0);
    expect(report.power.verdict).toBe('W');
    expect(report.power.powerUsage?.count).toBe(288);
    expect(report.paging.customer).toMatchObject({
      base: 'one-based',
      pageZero: 'error',
      pageOneIsFirst: true,
      defaultPageSize: 20,
      requestedPageSizeHonoured: true,
      overMaximum: 'rejected',
    });
    expect(report.paging.device).toMatchObject({ base: 'zero-based', devicesPerPage: 50, consistent: true });
    expect(report.paging.measurement).toMatchObject({
      recordsPerPage: 288,
      pages: 1,
      secondPage: 'empty',
      consistent: true,
    });
    expect(report.endpoints.measurement.intervalSeconds).toBe(300);
    expect(report.endpoints.measurement.device).toMatch(/^\d{4}…\d{4}$/);
    expect(report.rateLimit).toMatchObject({ outcome: 'pass', limited: false, burstSize: 8, status429: 0 });

    // Every request counted: the probe's count is the simulator's.
    expect(report.requestCount).toBe(server.simulator.stats.requests);
    expect(report.requestCount).toBeLessThanOrEqual(report.requestBudget);
    expect(report.budgetExhausted).toBe(false);

    expect(report.endpoints.customer.personalFields.DateOfBirth?.shapes).toEqual(['9999-99-99']);
    expectNoLeaks([json, markdown], secrets, personalValues(server.simulator.world.customers));
    expect(markdown).toMatch(/^# carbonTRACK API probe\n/);
    expect(markdown).toContain('## Differences from the OpenAPI description\n\nNone found');
    expect(JSON.parse(json)).toEqual(report);
  });

  it('reports the .NET number forms as a difference from the documentation', async () => {
    const server = await simulator({ numberFormat: 'dotnet' });
    const { report, markdown } = await probe(server);

    const { numberFormats } = report;
    expect(numberFormats.verdict).toBe('dotnet');
    expect(numberFormats.notDotnetPatterns).toBe(0);
    expect(numberFormats.forms.empty).toBeGreaterThan(0);
    expect(numberFormats.forms['no-leading-zero']).toBeGreaterThan(0);
    expect(numberFormats.forms.integer).toBeGreaterThan(0);
    expect(numberFormats.forms.other).toBe(0);
    expect(numberFormats.outcome).toBe('differs');
    const difference = report.differences.find((text) => text.includes(".NET's #.##"));
    expect(difference).toMatch(/empty \d/);
    expect(difference).toMatch(/no-leading-zero \d/);
    expect(difference).toMatch(/integer \d/);
    // The description accepts the .NET forms: the schema still passes, so this is the only difference.
    expect(report.differences).toEqual([difference]);
    expect(report.endpoints.measurement.exchange?.schema.valid).toBe(true);
    expect(report.power.verdict).toBe('W');
    expect(markdown).toContain('.NET');
  });

  it('sees 429 and Retry-After in the burst under a rate limit, and still checks every endpoint', async () => {
    const server = await simulator({ rateLimit: 2 });
    const { report } = await probe(server);

    expect(report.rateLimit.limited).toBe(true);
    expect(report.rateLimit.burstStatuses.at(-1)).toBe(429);
    expect(report.rateLimit.status429).toBeGreaterThan(0);
    expect(report.rateLimit.retryAfter.length).toBeGreaterThan(0);
    expect(report.rateLimit.retryAfter.every((value) => /^\d+$/.test(value))).toBe(true);
    expect(report.rateLimit.exchange?.schema.valid).toBe(true);
    for (const section of endpointSections(report)) expect(section.outcome).toBe('pass');
    expect(report.requestCount).toBe(server.simulator.stats.requests);
    expect(report.requestCount).toBeLessThanOrEqual(report.requestBudget);
    expect(report.differences).toEqual([]);
  });

  it('reports a short token lifetime as the server states it', async () => {
    const server = await simulator({ tokenLifetimeSeconds: 7 });
    const { report } = await probe(server);

    expect(report.token.expiresIn).toBe(7);
    expect(report.token.refresh.expiresIn).toBe(7);
    expect(report.token.outcome).toBe('pass');
  });

  it('samples the whole UTC day before the clock it is given', async () => {
    const server = await simulator();
    const now = Date.parse('2026-01-10T15:30:00Z');
    const report = await runProbe({ baseUrl: server.url, username: 'demo', password: PASSWORD, now: () => now });

    expect(report.startedAt).toBe('2026-01-10T15:30:00.000Z');
    expect(report.endpoints.measurement).toMatchObject({
      from: '2026-01-09T00:00:00Z',
      to: '2026-01-10T00:00:00Z',
      records: 288,
    });
  });

  it('stays within a small request budget and says what it left out', async () => {
    const server = await simulator();
    const { report, markdown } = await probe(server, { requestBudget: 5 });

    expect(report.requestCount).toBeLessThanOrEqual(5);
    expect(server.simulator.stats.requests).toBe(report.requestCount);
    expect(report.budgetExhausted).toBe(true);
    expect(report.failures.some((text) => text.includes('request budget of 5'))).toBe(true);
    expect(markdown).toContain('The request budget ran out.');
  });

  it('with a wrong password, asks the endpoints without a token and validates their 401s', async () => {
    const server = await simulator();
    const password = 'not-the-password';
    const report = await runProbe({ baseUrl: server.url, username: 'demo', password });

    expect(report.token).toMatchObject({ outcome: 'fail', passwordGrant: false, path: '/oauth/token' });
    expect(report.token.exchanges[0]).toMatchObject({ status: 401, schema: { valid: true } });
    for (const section of [report.endpoints.distributor, report.endpoints.customer, report.endpoints.device]) {
      expect(section).toMatchObject({ outcome: 'fail', authenticated: false });
      expect(section.exchange).toMatchObject({ status: 401, schema: { valid: true, documented: true } });
    }
    expect(report.endpoints.measurement.outcome).toBe('skipped');
    expect(report.differences).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(password);
    expect(formatProbeMarkdown(report)).not.toContain(password);
  });

  it('returns what it has when aborted', async () => {
    const server = await simulator();
    const controller = new AbortController();
    controller.abort();
    const report = await runProbe({
      baseUrl: server.url,
      username: 'demo',
      password: PASSWORD,
      signal: controller.signal,
    });

    expect(report.aborted).toBe(true);
    expect(report.requestCount).toBe(0);
    expect(report.token.outcome).toBe('fail');
  });
});

describe('runProbe against servers that are not carbonTRACK', () => {
  it('reports an unreachable base URL in failed sections instead of throwing', async () => {
    const server = await listen({}, { port: 0 });
    const url = server.url;
    await server.close();

    const report = await runProbe({ baseUrl: url, username: 'demo', password: PASSWORD, requestTimeoutMs: 2_000 });

    expect(report.token.outcome).toBe('fail');
    expect(report.token.reason).toMatch(/the token request failed: no response.*ECONNREFUSED/);
    expect(report.requestCount).toBe(1);
    for (const section of endpointSections(report)) {
      expect(section.outcome).toBe('skipped');
      expect(section.reason).toBe('not run: the token request got no answer (see Token endpoint)');
    }
    expect(report.differences).toEqual([]);
    expect(report.failures[0]).toMatch(/^Token endpoint: failed, the token request failed: no response.*ECONNREFUSED/);
    expect(report.failures).toHaveLength(2);
    const markdown = formatProbeMarkdown(report);
    expect(markdown).toContain('## Could not check');
    expect(markdown).toContain('ECONNREFUSED');
  });

  it('names every invalid response of a server that answers HTML to everything', async () => {
    const html: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome</body></html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    running.push({
      close: () => new Promise<void>((resolve) => html.close(() => resolve())),
    });
    const url = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;

    const report = await runProbe({ baseUrl: url, username: 'demo', password: PASSWORD });

    expect(report.token.outcome).toBe('fail');
    expect(report.token.path).toBeNull();
    expect(report.token.exchanges.map((x) => x.request)).toEqual([
      'POST /oauth/token (grant_type=password)',
      'POST /ctapi/token (grant_type=password)',
      'POST /token (grant_type=password)',
    ]);
    for (const path of ['/oauth/token', '/ctapi/token', '/token']) {
      expect(report.differences).toContain(`POST ${path} (grant_type=password) answered 200 with text/html, not JSON`);
    }
    expect(report.differences).toContain('GET /ctapi/Distributor answered 200 with text/html, not JSON');
    expect(report.differences).toContain('GET /ctapi/Customer answered 200 with text/html, not JSON');
    expect(report.differences).toContain('POST /ctapi/Device answered 200 with text/html, not JSON');
    for (const section of [report.endpoints.distributor, report.endpoints.customer, report.endpoints.device]) {
      expect(section.outcome).toBe('fail');
      expect(section.exchange?.json).toBe('not-json');
    }
    expect(report.requestCount).toBe(6);
    expect(formatProbeMarkdown(report)).toContain('not JSON');
  });

  it('refuses to send the password over plain http to another machine', async () => {
    const report = await runProbe({
      baseUrl: 'http://user:secret-in-url@example.com/',
      username: 'demo',
      password: PASSWORD,
    });

    expect(report.requestCount).toBe(0);
    expect(report.target).toBe('http://example.com');
    expect(report.token.reason).toMatch(/plain http/);
    expect(JSON.stringify(report)).not.toContain('secret-in-url');
  });
});
