import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  CarbonTrackError,
  type CarbonTrackTokens,
  createCarbonTrackClient,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';
import { clientFor, DEMO, DEMO2, demoDeviceIds, startSimulator } from './simulator-fixture.js';

const FROM = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;
const SECRET_PASSWORD = 'pa55-Secret-Word';

// Every way an error could leak a secret: message, toString, JSON, stack, details.
function expectNoSecrets(error: unknown, secrets: string[]) {
  const e = error as Error;
  const texts = [e.message, String(e), JSON.stringify(e), e.stack ?? '', JSON.stringify({ ...e })];
  for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
}

async function caught(promise: Promise<unknown>): Promise<CarbonTrackError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CarbonTrackError);
    return error as CarbonTrackError;
  }
  throw new Error('expected a rejection');
}

describe('typed errors from real simulator responses', async () => {
  const running = await startSimulator({ seed: 21 });
  const tokens: CarbonTrackTokens[] = [];
  const client = clientFor(running, { onTokens: (t) => void tokens.push(t) });
  const [ownDevice] = demoDeviceIds(running, 1) as [string];
  const secrets = () => [
    DEMO.password.length >= 3 ? DEMO.password : '',
    ...tokens.flatMap((t) => [t.accessToken, t.refreshToken ?? '']),
  ];

  it('ValidationError for a 400 (pageSize above the API maximum)', async () => {
    const error = await caught(client.customers({ pageSize: 5000 }).collect());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, method: 'GET', path: '/ctapi/Customer' });
    expect(error.errorNumber).toBeTypeOf('number');
    expect(error.errorMessage).toMatch(/pageSize/i);
    expectNoSecrets(error, secrets());
  });

  it('AuthenticationError for a wrong password, without the password anywhere', async () => {
    const wrong = clientFor(running, { credentials: { username: 'demo', password: SECRET_PASSWORD } });
    const error = await caught(wrong.distributors().collect());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, method: 'POST', path: '/oauth/token', errorNumber: 'invalid_grant' });
    expectNoSecrets(error, [SECRET_PASSWORD]);
  });

  it("PermissionError for another distributor's device", async () => {
    const other = clientFor(running, { credentials: DEMO2 });
    const error = await caught(other.measurements({ deviceId: ownDevice, from: FROM, to: FROM + DAY }).collect());
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, method: 'POST', path: '/ctapi/Measurement' });
    expectNoSecrets(error, [DEMO2.password, ...secrets()]);
  });

  it('NotFoundError for an unknown device', async () => {
    const error = await caught(client.device('1234567890123456'));
    expect(error).toBeInstanceOf(NotFoundError);
    const viaMeasurements = await caught(
      client.measurements({ deviceId: '1234567890123456', from: FROM, to: FROM + DAY }).collect(),
    );
    expect(viaMeasurements).toMatchObject({ name: 'NotFoundError', status: 404, errorNumber: 4001 });
    expectNoSecrets(viaMeasurements, secrets());
  });

  it('RateLimitError when Retry-After is longer than the client will wait', async () => {
    const limited = await startSimulator({ seed: 22, rateLimit: 1 });
    const c = clientFor(limited, { retry: { maxRetryAfterMs: 0 } });
    await c.distributors().collect();
    const error = await caught(c.distributors().collect());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(error.status).toBe(429);
  });

  it('ServerError, RateLimitError and MalformedResponseError from injected faults when retries run out', async () => {
    const faulty = await startSimulator({ seed: 23, faultRate: 1 });
    const c = clientFor(faulty, { retry: { maxAttempts: 1, maxRetryAfterMs: 0 } });
    // Get a token first, through a patient client, so the faults hit the API calls.
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 3; i++) {
      try {
        await c.distributors().collect();
      } catch (error) {
        if (error instanceof CarbonTrackError) {
          seen.add(error.name);
          expectNoSecrets(error, [DEMO.password]);
        } else throw error;
      }
    }
    expect([...seen].sort()).toEqual(['MalformedResponseError', 'RateLimitError', 'ServerError']);
    expect(ServerError.name).toBe('ServerError');
    expect(MalformedResponseError.name).toBe('MalformedResponseError');
  });

  it('TimeoutError when the API answers slower than timeoutMs', async () => {
    const slow = await startSimulator({ seed: 24, latencyMs: 400 });
    const c = clientFor(slow, { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = await caught(c.distributors().collect());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(/100 ms/);
  });

  it('a timed-out attempt over the network closes its connection (a server that never answers)', async () => {
    // A real HTTP server that takes requests and never answers: what a hung upstream looks like.
    const sockets = { used: 0, closed: 0 };
    const server = createHttpServer((request) => {
      sockets.used++;
      request.socket.on('close', () => sockets.closed++);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const c = createCarbonTrackClient({
        baseUrl: `http://127.0.0.1:${port}`,
        auth: 'none',
        timeoutMs: 100,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      });
      expect(await caught(c.distributors().collect())).toBeInstanceOf(TimeoutError);
      expect(sockets.used).toBe(2);
      // The connection of each timed-out attempt is closed by the client, not left hanging.
      await vi.waitFor(() => expect(sockets.closed).toBe(2), { timeout: 2_000 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('NetworkError when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address() as { port: number };
        server.close(() => resolve(address.port));
      });
    });
    const c = createCarbonTrackClient({
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: { username: 'demo', password: SECRET_PASSWORD },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = await caught(c.distributors().collect());
    expect(error).toBeInstanceOf(NetworkError);
    expectNoSecrets(error, [SECRET_PASSWORD]);
  });
});

describe('validation before any request', async () => {
  const running = await startSimulator({ seed: 25 });
  const client = clientFor(running);
  const cases: Array<[string, () => unknown, string]> = [
    ['short device ID', () => client.measurements({ deviceId: '123', from: FROM, to: FROM + DAY }), 'deviceId'],
    ['device ID with letters', () => client.device('12345678901234ab'), 'deviceId'],
    ['invalid from', () => client.measurements({ deviceId: '1234567890123456', from: 'soon', to: FROM }), 'from'],
    ['invalid Date', () => client.measurements({ deviceId: '1234567890123456', from: FROM, to: new Date('x') }), 'to'],
    ['from after to', () => client.measurements({ deviceId: '1234567890123456', from: FROM + DAY, to: FROM }), 'from'],
    [
      'zero concurrency',
      () => client.measurements({ deviceId: '1234567890123456', from: FROM, to: FROM + DAY, concurrency: 0 }),
      'concurrency',
    ],
    ['negative page size', () => client.customers({ pageSize: -1 }), 'pageSize'],
    ['fractional page size', () => client.customers({ pageSize: 2.5 }), 'pageSize'],
  ];
  it.each(cases)('%s → ValidationError naming the field, no request sent', async (_name, call, field) => {
    running.simulator.resetStats();
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as Error).message).toContain(field);
    expect(running.simulator.stats.requests).toBe(0);
  });

  it('rejects ambiguous auth options and URLs with credentials', () => {
    expect(() => createCarbonTrackClient({ baseUrl: running.url })).toThrow(ValidationError);
    expect(() =>
      createCarbonTrackClient({ baseUrl: running.url, credentials: DEMO, tokenProvider: async () => 't' }),
    ).toThrow(/exactly one/);
    let error: unknown;
    try {
      createCarbonTrackClient({ baseUrl: `http://demo:${SECRET_PASSWORD}@127.0.0.1:1`, auth: 'none' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expectNoSecrets(error, [SECRET_PASSWORD]);
  });

  it('rejects a timeout that is not a whole number >= 0 and a fetch that is not a function, naming the option', () => {
    for (const timeoutMs of [-5, Number.NaN, '30' as unknown as number]) {
      expect(() => createCarbonTrackClient({ baseUrl: running.url, auth: 'none', timeoutMs })).toThrow(
        expect.objectContaining({ name: 'ValidationError', field: 'timeoutMs' }),
      );
    }
    expect(() =>
      createCarbonTrackClient({ baseUrl: running.url, auth: 'none', fetch: 42 as unknown as typeof fetch }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'fetch' }));
    // 0 means no timeout, and is accepted.
    expect(() => createCarbonTrackClient({ baseUrl: running.url, auth: 'none', timeoutMs: 0 })).not.toThrow();
  });
});
