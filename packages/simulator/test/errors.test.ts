import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceRecord, listen, type RunningSimulator } from '../src/index.js';
import { ContractClient, manualClock } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);

describe('/ctapi error responses', () => {
  const clock = manualClock(NOW);
  let server: RunningSimulator;
  let api: ContractClient;
  let token: string;
  let ownDevice: DeviceRecord;
  let otherDevice: DeviceRecord;
  const day = { FromUTCDate: '2025-01-10T00:00:00Z', ToUTCDate: '2025-01-11T00:00:00Z' };

  beforeAll(async () => {
    server = await listen({ seed: 5, now: clock.now });
    api = new ContractClient(server.url);
    token = (await api.login()).access_token;
    const [a, b] = server.simulator.accounts;
    ownDevice = server.simulator.world.devices.find((d) => d.distributorId === a?.distributorId) as DeviceRecord;
    otherDevice = server.simulator.world.devices.find((d) => d.distributorId === b?.distributorId) as DeviceRecord;
  });
  afterAll(() => server.close());

  const expectError = (result: { status: number; body: Record<string, unknown> }, status: number, number: number) => {
    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ ResponseCode: status, Error: 1, ErrorNumber: number });
    expect(result.body.Message).toEqual(expect.any(String));
  };

  it.each([
    ['malformed JSON', '{"DeviceID": '],
    ['an empty body', ''],
    ['an array', '[]'],
    ['null', 'null'],
    ['a number', '42'],
  ])('answers 400 to %s', async (_name, rawBody) => {
    for (const path of ['/ctapi/Device', '/ctapi/Measurement']) {
      const result = await api.request('POST', path, {
        token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      expectError(result, 400, 1001);
    }
  });

  it.each([
    ['DeviceID', { DeviceID: 8796541235874587 }],
    ['PageIndex', { PageIndex: '0' }],
    ['PageIndex', { PageIndex: -1 }],
    ['PageIndex', { PageIndex: 1.5 }],
    ['RegisteredOnly', { RegisteredOnly: 'yes' }],
    ['CustomerReference', { CustomerReference: 12 }],
    ['DistributorID', { DistributorID: 'not-a-uuid' }],
    ['DeviceID', { DeviceID: '123' }],
    ['DeviceID', { DeviceID: '87965412358745870' }],
    ['DeviceID', { DeviceID: '879654123587458a' }],
  ])('Device: 400 naming %s for %j', async (field, json) => {
    const result = await api.devices(token, json);
    expectError(result, 400, 1001);
    expect(result.body.ErrorMessage).toContain(field);
  });

  it.each([
    ['DeviceID', { ...day, DeviceID: undefined }],
    ['FromUTCDate', { ToUTCDate: day.ToUTCDate }],
    ['ToUTCDate', { FromUTCDate: day.FromUTCDate }],
    ['DeviceID', { ...day, DeviceID: '12345' }],
    ['DeviceID', { ...day, DeviceID: 1234567890123456 }],
    ['FromUTCDate', { ...day, FromUTCDate: '2019-02-30T00:00:00Z' }],
    ['FromUTCDate', { ...day, FromUTCDate: 'yesterday' }],
    ['ToUTCDate', { ...day, ToUTCDate: 20250111 }],
    ['ToUTCDate', { ...day, ToUTCDate: '2025-01-11T25:00:00Z' }],
    ['FromUTCDate', { FromUTCDate: '2025-01-12T00:00:00Z', ToUTCDate: '2025-01-11T00:00:00Z' }],
    ['PageIndex', { ...day, PageIndex: -1 }],
    ['PageIndex', { ...day, PageIndex: 'first' }],
    ['ID', { ...day, ID: 7 }],
  ])('Measurement: 400 naming %s for %j', async (field, json) => {
    const result = await api.measurements(token, { DeviceID: ownDevice.id, ...json });
    expectError(result, 400, 1001);
    expect(result.body.ErrorMessage).toContain(field);
  });

  it.each([
    ['customerRequest.page', 'customerRequest.page=0'],
    ['customerRequest.page', 'customerRequest.page=abc'],
    ['customerRequest.page', 'customerRequest.page=-2'],
    ['customerRequest.pageSize', 'customerRequest.pageSize=501'],
    ['customerRequest.pageSize', 'customerRequest.pageSize=0'],
  ])('Customer: 400 naming %s for %s', async (field, query) => {
    const result = await api.request('GET', `/ctapi/Customer?${query}`, { token });
    expectError(result, 400, 1001);
    expect(result.body.ErrorMessage).toContain(field);
  });

  it('answers 403 when a distributor asks for another distributor’s device or ID', async () => {
    expectError(await api.devices(token, { DeviceID: otherDevice.id }), 403, 3001);
    expectError(await api.measurements(token, { DeviceID: otherDevice.id, ...day }), 403, 3001);
    const otherId = server.simulator.accounts[1]?.distributorId;
    expectError(await api.devices(token, { DistributorID: otherId }), 403, 3001);
    expectError(await api.measurements(token, { DeviceID: ownDevice.id, DistributorID: otherId, ...day }), 403, 3001);
    const ownId = server.simulator.accounts[0]?.distributorId;
    expect((await api.devices(token, { DistributorID: ownId, DeviceID: ownDevice.id })).status).toBe(200);
  });

  it('answers 404 for an unknown 16-digit device', async () => {
    const unknown = '0000000000000001';
    const device = await api.devices(token, { DeviceID: unknown });
    expectError(device, 404, 4001);
    expect(device.body.ErrorMessage).toContain(unknown);
    expectError(await api.measurements(token, { DeviceID: unknown, ...day }), 404, 4001);
  });

  it('answers 404 and 405 as JSON for unknown paths and methods', async () => {
    expectError(await api.request('GET', '/ctapi/Nothing', { token }), 404, 4001);
    expectError(await api.request('GET', '/', {}), 404, 4001);
    const wrongMethod = await api.request('GET', '/ctapi/Measurement', { token });
    expectError(wrongMethod, 405, 4050);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expectError(await api.request('DELETE', '/ctapi/Customer', { token }), 405, 4050);
    expectError(await api.request('GET', '/oauth/token'), 405, 4050);
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const big = JSON.stringify({ DeviceID: ownDevice.id, Padding: 'x'.repeat(1024 * 1024 + 10) });
    const result = await api.request('POST', '/ctapi/Measurement', {
      token,
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expectError(result, 413, 4130);
    const form = await api.request('POST', '/oauth/token', {
      form: { grant_type: 'password', pad: 'y'.repeat(2 ** 20) },
    });
    expectError(form, 413, 4130);
  });

  it('refuses a chunked body over the limit without reading it all', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        // An endless body: the server must answer before it ends.
        if (sent > 64 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const small = await listen({ seed: 5, now: clock.now, maxBodyBytes: 1000 });
    try {
      const response = await fetch(`${small.url}/ctapi/Device`, {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await small.close();
    }
  });

  it('answers 429 with an integer Retry-After when a token exceeds rateLimit', async () => {
    const limited = await listen({ seed: 5, now: clock.now, rateLimit: 2 });
    try {
      const client = new ContractClient(limited.url);
      const own = (await client.login()).access_token;
      const other = (await client.login('demo2')).access_token;
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await client.request('GET', '/ctapi/Distributor', { token: own })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limitedResult = await client.request('GET', '/ctapi/Distributor', { token: own });
      expectError(limitedResult, 429, 4290);
      expect(limitedResult.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await client.request('GET', '/ctapi/Distributor', { token: other })).status).toBe(200);
      clock.advance(1000);
      expect((await client.request('GET', '/ctapi/Distributor', { token: own })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('turns an unexpected exception into a 500 payload and keeps serving', async () => {
    let broken = false;
    const fragile = await listen({
      seed: 5,
      now: () => {
        if (broken) throw new Error('clock failure');
        return NOW;
      },
    });
    try {
      const client = new ContractClient(fragile.url);
      const own = (await client.login()).access_token;
      broken = true;
      const result = await client.devices(own, {});
      expectError(result, 500, 5000);
      expect(result.text).not.toContain('clock failure');
      broken = false;
      expect((await client.devices(own, {})).status).toBe(200);
    } finally {
      await fragile.close();
    }
  });
});
