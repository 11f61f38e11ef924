import { describe, expect, it } from 'vitest';
import type { MeasurementSeries } from '../src/index.js';
import { clientFor, demoDeviceIds, startSimulator } from './simulator-fixture.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 5);

function expectSameSeries(actual: MeasurementSeries, expected: MeasurementSeries) {
  expect(actual.length).toBe(expected.length);
  expect(actual.ids).toEqual(expected.ids);
  expect(Array.from(actual.time)).toEqual(Array.from(expected.time));
  for (const [field, column] of Object.entries(expected.columns)) {
    expect(Array.from(actual.columns[field as keyof typeof actual.columns]), field).toEqual(Array.from(column));
  }
}

describe('retries against injected faults', () => {
  it('with 20 % faults (500, 503, 429 bursts, truncated and invalid JSON) a 7-day export of 10 devices equals the fault-free one', async () => {
    const clean = await startSimulator({ seed: 31 });
    const faulty = await startSimulator({ seed: 31, faultRate: 0.2 });
    const devices = demoDeviceIds(clean, 10);
    expect(devices).toHaveLength(10);
    const range = { from: FROM, to: FROM + 7 * DAY };
    const cleanClient = clientFor(clean);
    const faultyClient = clientFor(faulty, { retry: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 40 } });

    const results = await Promise.all(
      devices.map(async (deviceId) => ({
        expected: await cleanClient.measurements({ deviceId, ...range }).collect(),
        actual: await faultyClient.measurements({ deviceId, ...range }).collect(),
      })),
    );
    for (const { expected, actual } of results) {
      expect(expected.length).toBe(7 * 288);
      expectSameSeries(actual, expected);
    }
    // The faults really happened.
    const statuses = faulty.simulator.stats.statuses;
    expect((statuses['500'] ?? 0) + (statuses['503'] ?? 0) + (statuses['429'] ?? 0)).toBeGreaterThan(0);
    expect(faulty.simulator.stats.requests).toBeGreaterThan(clean.simulator.stats.requests);
  });

  it('an AbortSignal cancels a request waiting in backoff at once', async () => {
    const limited = await startSimulator({ seed: 32, rateLimit: 1 });
    const client = clientFor(limited);
    await client.distributors().collect();
    const controller = new AbortController();
    const started = Date.now();
    const pending = client.distributors({ signal: controller.signal }).collect();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pending).rejects.toThrow('user cancelled');
    // Retry-After is 1 s: returning well before it means the wait itself was cancelled.
    expect(Date.now() - started).toBeLessThan(900);
  });
  it('an AbortSignal cancels a request in flight at once, and a per-attempt timeout fails on time', async () => {
    const slow = await startSimulator({ seed: 34, latencyMs: 2_000 });
    const client = clientFor(slow, { timeoutMs: 5_000 });
    const controller = new AbortController();
    const started = Date.now();
    const pending = client.distributors({ signal: controller.signal }).collect();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pending).rejects.toThrow('user cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);

    const impatient = clientFor(slow, { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const timedAt = Date.now();
    await expect(impatient.distributors().collect()).rejects.toMatchObject({ name: 'TimeoutError' });
    // Two attempts of 100 ms each (plus the token request's), far below the 2 s the server takes.
    expect(Date.now() - timedAt).toBeLessThan(1_500);
  });
});

describe('paging', () => {
  it('customers: every page, no duplicates, RecordCount honoured, filters passed through', async () => {
    const running = await startSimulator({ seed: 33 });
    const client = clientFor(running);
    const all = await client.customers({ pageSize: 37 }).collect();
    const expected = running.simulator.world.customers.filter(
      (c) => c.DistributorId === running.simulator.world.distributors[0]?.ID,
    );
    expect(all.map((c) => c.CustomerId)).toEqual(expected.map((c) => c.CustomerId));
    expect(new Set(all.map((c) => c.CustomerId)).size).toBe(all.length);

    const someone = expected[42];
    const byRef = await client.customers({ customerRef: someone?.AccountNumber }).collect();
    expect(byRef.map((c) => c.CustomerId)).toContain(someone?.CustomerId);
    const pages = [];
    for await (const page of client.customers({ pageSize: 100 }).pages()) pages.push(page.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(pages.length).toBe(Math.ceil(expected.length / 100));
  });

  it('devices: every page of the distributor, and one device by ID', async () => {
    const running = await startSimulator({ seed: 34 });
    const client = clientFor(running);
    const all = await client.devices().collect();
    const ownId = running.simulator.world.distributors[0]?.ID;
    const expected = running.simulator.world.devices.filter((d) => d.distributorId === ownId);
    expect(all.map((d) => d.DeviceID).sort()).toEqual(expected.map((d) => d.id).sort());
    expect(expected.length).toBeGreaterThan(50);
    const one = await client.device(expected[3]?.id as string);
    expect(one.DeviceID).toBe(expected[3]?.id);
  });

  it('measurements: windows of any size and any concurrency give the same series, in time order', async () => {
    const running = await startSimulator({ seed: 35 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    const client = clientFor(running);
    const range = { deviceId, from: FROM + 3_600_000 * 5, to: FROM + 5 * DAY + 7 * 300_000 };
    const base = await client.measurements({ ...range, concurrency: 1 }).collect();
    expect(base.length).toBe((5 * DAY - 5 * 3_600_000 + 7 * 300_000) / 300_000);
    for (let i = 1; i < base.length; i++) expect(base.time[i]).toBe((base.time[i - 1] as number) + 300_000);
    for (const variant of [
      { concurrency: 8 },
      { windowHours: 6, concurrency: 3 },
      { windowHours: 48, concurrency: 2 },
    ]) {
      expectSameSeries(await client.measurements({ ...range, ...variant }).collect(), base);
    }
  });

  it('measurements: never more than `concurrency` requests in flight, and the earliest windows go first', async () => {
    const running = await startSimulator({ seed: 37, latencyMs: 15 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const client = clientFor(running, {
      fetch: async (request) => {
        const measurement = request.url.endsWith('/ctapi/Measurement');
        if (measurement) {
          order.push(((await request.clone().json()) as { FromUTCDate: string }).FromUTCDate);
          most = Math.max(most, ++inFlight);
        }
        try {
          const response = await fetch(request);
          return new Response(await response.arrayBuffer(), response);
        } finally {
          if (measurement) inFlight--;
        }
      },
    });
    const series = await client.measurements({ deviceId, from: FROM, to: FROM + 12 * DAY, concurrency: 3 }).collect();
    expect(series.length).toBe(12 * 288);
    expect(most).toBe(3);
    expect(order).toEqual([...order].sort());
  });

  it('measurements: records repeated at window edges (an inclusive-end API) are dropped by record ID', async () => {
    const running = await startSimulator({ seed: 36 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    const reference = await clientFor(running)
      .measurements({ deviceId, from: FROM, to: FROM + 3 * DAY - 300_000 })
      .collect();
    // At the network boundary, make every window end one record later, as an API with an inclusive end would.
    const inclusiveEnd = clientFor(running, {
      fetch: async (request) => {
        if (!request.url.endsWith('/ctapi/Measurement')) return fetch(request);
        const body = (await request.json()) as { ToUTCDate: string };
        body.ToUTCDate = new Date(Date.parse(body.ToUTCDate) + 300_000).toISOString();
        return fetch(
          new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }),
        );
      },
    });
    const series = await inclusiveEnd.measurements({ deviceId, from: FROM, to: FROM + 3 * DAY - 300_000 }).collect();
    expect(series.length).toBe(3 * 288 - 1);
    expect(series.length).toBe(reference.length);
    // Each window's extra record lies outside the window asked for: dropped there, and said so.
    expect(series.issues.map((issue) => issue.reason)).toEqual(['outside-range', 'outside-range', 'outside-range']);
    expectSameSeries({ ...series, issues: [] }, reference);
  });

  it('breaking out of a measurement loop early stops fetching', async () => {
    const running = await startSimulator({ seed: 37, latencyMs: 30 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    const client = clientFor(running);
    await client.distributors().collect();
    running.simulator.resetStats();
    for await (const part of client.measurements({ deviceId, from: FROM, to: FROM + 30 * DAY, concurrency: 2 })) {
      expect(part.length).toBe(288);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running.simulator.stats.requests).toBeLessThanOrEqual(3);
  });
});
