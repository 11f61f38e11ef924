// A server that echoes secrets and personal data into its error messages: the report must still
// hold none of them, while keeping the rest of each message.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProbeMarkdown, type ProbeReport, runProbe } from '../src/probe/index.js';

const PASSWORD = 'hunter2-long-password';
const ACCESS = 'access-token-AAAA1111';
const REFRESH = 'refresh-token-BBBB2222';
const NAME = 'Zebedee';
const EMAIL = 'zebedee.q@example.com';

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function echoingServer(request: IncomingMessage, response: ServerResponse): void {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/oauth/token') {
      const form = new URLSearchParams(text);
      if (form.get('grant_type') === 'password') {
        return reply(response, 200, {
          access_token: ACCESS,
          refresh_token: REFRESH,
          token_type: 'bearer',
          expires_in: 60,
          issued_at: 1,
        });
      }
      return reply(response, 401, {
        error: 'invalid_grant',
        error_description: `refresh ${form.get('refresh_token')} refused for password ${form.get('password')}`,
      });
    }
    if (path === '/ctapi/Distributor') {
      return reply(response, 500, { Message: `token ${ACCESS} of ${NAME} failed; password=${PASSWORD}` });
    }
    if (path === '/ctapi/Customer') {
      return reply(response, 200, {
        RecordCount: 1,
        CustomerList: [{ CustomerId: 'c1', FirstName: NAME, Email: EMAIL }],
      });
    }
    return reply(response, 403, { Message: `Device 1234567890123456 belongs to ${EMAIL}` });
  });
}

let baseUrl = '';
const server = createServer(echoingServer);
let report: ProbeReport;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  report = await runProbe({ baseUrl, username: 'partner', password: PASSWORD });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runProbe against a server that echoes secrets', () => {
  it('keeps the messages but none of the secrets or personal values in them', () => {
    const texts = [JSON.stringify(report), formatProbeMarkdown(report)];
    for (const text of texts) {
      for (const value of [PASSWORD, ACCESS, REFRESH, NAME, EMAIL, '1234567890123456']) {
        expect(text).not.toContain(value);
      }
    }
    expect(report.endpoints.distributor.exchange?.serverMessage).toBe(
      'token [redacted] of [redacted] failed; password=[redacted]',
    );
    expect(report.endpoints.device.exchange?.serverMessage).toBe('Device 1234…3456 belongs to [redacted]');
    expect(report.token.refresh).toMatchObject({ attempted: true, works: false });
  });

  it('lists what differs without quoting the bodies', () => {
    expect(report.differences).toEqual([
      'Token responses do not send Cache-Control: no-store',
      'The refresh_token grant is refused (see the token exchanges)',
      // Once for the operation, not once for each of its four pages.
      'GET /ctapi/Customer (200) does not match its schema: 1 error, e.g. /CustomerList/0/CustomerId must match format "uuid"',
      "customerRequest.page=0 is accepted (same as page 1) where the description's minimum is 1",
      "customerRequest.pageSize=501 is accepted where the description's maximum is 500",
    ]);
    expect(report.failures).toContain(
      'GET /ctapi/Distributor: failed, answered 500: token [redacted] of [redacted] failed; password=[redacted]',
    );
    expect(report.endpoints.customer.personalFields.Email).toEqual({ present: 1, empty: 0, shapes: ['a.a@a.a'] });
  });
});
