// The probe against servers that differ from the description the way a real one might: a token
// endpoint at /ctapi/token, power in kW, Device pages counted from 1; and one that never answers.
// Each is the simulator behind a small rewriting front, over real HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatNumber, parseFormattedNumber } from '@carbontrack/api';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProbeReport, runProbe } from '../src/probe/index.js';

const servers: { close(): unknown }[] = [];

afterAll(async () => {
  for (const server of servers) await server.close();
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
  });
}

/** The simulator with its token endpoint moved, power in kW and Device PageIndex counted from 1. */
function partnerFront(simulator: RunningSimulator) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', simulator.url);
    let body = await readBody(request);
    const send = (status: number, json: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(json));
    };
    if (url.pathname === '/oauth/token') return send(404, { Message: 'No HTTP resource was found.' });
    if (url.pathname === '/ctapi/token') url.pathname = '/oauth/token';
    if (url.pathname === '/ctapi/Device') {
      const fields = JSON.parse(body || '{}');
      if ((fields.PageIndex ?? 0) < 1) {
        return send(400, {
          ResponseCode: 400,
          ResponseMessage: 'Bad Request',
          Message: 'PageIndex must be 1 or more.',
          Error: 1,
          ErrorNumber: 1001,
          ErrorMessage: 'PageIndex must be 1 or more.',
        });
      }
      body = JSON.stringify({ ...fields, PageIndex: fields.PageIndex - 1 });
    }
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(url, {
      method: request.method,
      headers,
      body: request.method === 'POST' ? body : undefined,
    });
    let text = await upstream.text();
    if (url.pathname === '/ctapi/Measurement' && upstream.ok) {
      const page = JSON.parse(text);
      for (const record of page.Measurements) {
        for (const field of ['PowerUsage', 'Generating'])
          record[field] = formatNumber(parseFormattedNumber(record[field]) / 1000);
      }
      text = JSON.stringify(page);
    }
    if (url.pathname === '/ctapi/Device' && upstream.ok) {
      const page = JSON.parse(text);
      text = JSON.stringify({ ...page, PagesIndex: page.PagesIndex + 1 });
    }
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  };
}

describe('runProbe against a server that differs from the description', () => {
  let report: ProbeReport;

  beforeAll(async () => {
    const simulator = await listen({ numberFormat: 'docs' }, { port: 0 });
    servers.push(simulator);
    const baseUrl = await serve(partnerFront(simulator));
    report = await runProbe({ baseUrl, username: 'demo', password: 'demo' });
  });

  it('finds the token endpoint at /ctapi/token and says so', () => {
    expect(report.token).toMatchObject({ outcome: 'differs', path: '/ctapi/token', passwordGrant: true });
    expect(report.token.exchanges[0]?.status).toBe(404);
    expect(report.differences).toContain('The token endpoint is at /ctapi/token, not at /oauth/token as described');
    // The 404 of the described path is the finding above, not a second one.
    expect(report.differences.filter((text) => text.includes('/oauth/token (grant_type'))).toEqual([]);
  });

  it('judges power in kW', () => {
    expect(report.power.verdict).toBe('kW');
    expect(report.power.reasoning).toMatch(/p95 PowerUsage \d/);
    expect(report.differences.some((text) => text.startsWith('Power values look like kW'))).toBe(true);
  });

  it('sees Device pages counted from 1 and still samples a device', () => {
    expect(report.endpoints.device).toMatchObject({ outcome: 'fail', exchange: { status: 400 } });
    expect(report.paging.device).toMatchObject({ base: 'one-based', devicesPerPage: 50, consistent: true });
    expect(report.differences).toContain('Device PageIndex counts from 1, not from 0 as described');
    expect(report.endpoints.measurement).toMatchObject({ outcome: 'pass', records: 288 });
  });
});

describe('runProbe against a server that never answers', () => {
  it('times out each request and stops asking', async () => {
    const baseUrl = await serve(() => {
      // Holds every request open.
    });
    const report = await runProbe({ baseUrl, username: 'demo', password: 'demo', requestTimeoutMs: 300 });

    expect(report.token.reason).toBe('the token request failed: no response within 300 ms');
    expect(report.requestCount).toBe(1);
    expect(report.endpoints.distributor.outcome).toBe('skipped');
  });
});
