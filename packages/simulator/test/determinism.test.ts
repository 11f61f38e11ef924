import { describe, expect, it } from 'vitest';
import { createSimulator, listen } from '../src/index.js';
import { ContractClient } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 5, 20, 9, 41, 3);

/** The text of every data endpoint for one seed, fetched over HTTP. */
async function snapshot(seed: number): Promise<string[]> {
  const server = await listen({ seed, now: () => NOW });
  try {
    const api = new ContractClient(server.url);
    const token = (await api.login()).access_token;
    const devices = await api.devices(token, { PageIndex: 1 });
    const deviceId = devices.body.Devices[0].DeviceID;
    const texts = [
      (await api.request('GET', '/ctapi/Distributor', { token })).text,
      (await api.request('GET', '/ctapi/Customer?customerRequest.pageSize=500', { token })).text,
      devices.text,
    ];
    for (const range of [
      { FromUTCDate: '2025-06-19T00:00:00Z', ToUTCDate: '2025-06-21T00:00:00Z' },
      { FromUTCDate: '2024-12-31T10:00:00Z', ToUTCDate: '2025-01-01T10:00:00Z' },
    ]) {
      texts.push((await api.measurements(token, { DeviceID: deviceId, ...range })).text);
      texts.push((await api.measurements(token, { DeviceID: deviceId, ...range, PageIndex: 1 })).text);
    }
    return texts;
  } finally {
    await server.close();
  }
}

describe('determinism', () => {
  it('gives byte-identical responses for the same seed and clock', async () => {
    const [first, second] = [await snapshot(21), await snapshot(21)];
    expect(second).toEqual(first);
    expect(first.join('').length).toBeGreaterThan(100_000);
  });

  it('gives a different world for a different seed', async () => {
    const [a, b] = [createSimulator({ seed: 21, now: () => NOW }), createSimulator({ seed: 22, now: () => NOW })];
    expect(a.world.distributors[0]?.ID).not.toBe(b.world.distributors[0]?.ID);
    expect(a.world.devices.map((d) => d.id)).not.toEqual(b.world.devices.map((d) => d.id));
    expect(a.world.customers.map((c) => c.LastName)).not.toEqual(b.world.customers.map((c) => c.LastName));
  });

  it('answers in-process exactly as over HTTP', async () => {
    const simulator = createSimulator({ seed: 21, now: () => NOW });
    const server = await listen(simulator);
    try {
      const login = (base: string) =>
        new Request(`${base}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=password&username=demo2&password=demo2',
        });
      const token = ((await (await simulator(login('http://sim'))).json()) as { access_token: string }).access_token;
      const request = (base: string) =>
        new Request(`${base}/ctapi/Customer?customerRequest.page=2`, { headers: { authorization: `Bearer ${token}` } });
      const inProcess = await (await simulator.fetch(request('http://sim'))).text();
      const overHttp = await (await fetch(request(server.url))).text();
      expect(overHttp).toBe(inProcess);
      expect(simulator.stats.routes['GET /ctapi/Customer']).toBe(2);
      expect(simulator.stats.routes['POST /oauth/token']).toBe(1);
    } finally {
      await server.close();
    }
  });
});
