import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CarbonTrackClient, createCarbonTrackClient } from '../client/create-client.js';
import { LiveDataHub, type LiveState } from './live-data-hub.js';
import { deviceResource, energyPeriodRange, latestReadingResource, seriesResource } from './resources.js';

let running: RunningSimulator;
let deviceId: string;
let offlineId: string;

beforeAll(async () => {
  running = await listen({ seed: 3 }, { port: 0 });
  const devices = running.simulator.world.devices;
  const distributorA = running.simulator.world.distributors[0]?.ID;
  const mine = devices.filter((d) => d.distributorId === distributorA);
  deviceId = (mine.find((d) => d.offlineSinceMs === null && d.solarKwp > 0) ?? mine[0])?.id as string;
  offlineId = (mine.find((d) => d.offlineSinceMs !== null && Date.now() - d.offlineSinceMs > 2 * 3_600_000) ?? mine[0])
    ?.id as string;
});
afterAll(() => running.close());

let hub: LiveDataHub | undefined;
afterEach(() => {
  hub?.dispose();
  hub = undefined;
  vi.useRealTimers();
});

function client(token?: () => Promise<string>): CarbonTrackClient {
  return createCarbonTrackClient({
    baseUrl: running.url,
    ...(token ? { tokenProvider: token } : { credentials: { username: 'demo', password: 'demo' } }),
    retry: { maxAttempts: 1 },
  });
}

const deviceRequests = () => running.simulator.stats.routes['POST /ctapi/Device'] ?? 0;
const measurementRequests = () => running.simulator.stats.routes['POST /ctapi/Measurement'] ?? 0;

/** Resolves when `predicate` holds for the latest state a listener saw. */
function next<T>(states: LiveState<T>[], predicate: (s: LiveState<T>) => boolean): Promise<LiveState<T>> {
  return vi.waitFor(
    () => {
      const last = states.at(-1);
      if (!last || !predicate(last)) throw new Error('not yet');
      return last;
    },
    { timeout: 10_000, interval: 5 },
  );
}

describe('LiveDataHub', () => {
  it('shares one request per key among ten subscribers, on the first fetch and on every refresh', async () => {
    hub = new LiveDataHub(client());
    const direct = await hub.client.device(deviceId);
    running.simulator.resetStats();
    const seen: LiveState<unknown>[][] = [];
    const unsubscribes = Array.from({ length: 10 }, () => {
      const states: LiveState<unknown>[] = [];
      seen.push(states);
      return hub?.subscribe(deviceResource(deviceId), (s) => states.push(s)) as () => void;
    });
    await Promise.all(seen.map((states) => next(states, (s) => s.value !== undefined)));
    expect(deviceRequests()).toBe(1);
    for (const states of seen) expect(states.at(-1)?.value).toEqual(direct);

    await hub.refresh(`device:${deviceId}`);
    await Promise.all([hub.refresh(`device:${deviceId}`), hub.refresh(`device:${deviceId}`)]);
    expect(deviceRequests()).toBe(3);
    for (const u of unsubscribes) u();
    expect(hub.scheduledKeys).toEqual([]);
  });

  it('serves the latest reading as the last record of the last hour, as the client reads it', async () => {
    hub = new LiveDataHub(client());
    const states: LiveState<import('./resources.js').LatestReading>[] = [];
    hub.subscribe(latestReadingResource(deviceId), (s) => states.push(s));
    const { value } = await next(states, (s) => s.value !== undefined);
    const now = Date.now();
    const direct = await hub.client.measurements({ deviceId, from: now - 3_600_000, to: now + 60_000 }).collect();
    expect(value?.time).toBe(direct.time[direct.length - 1]);
    expect(value?.series?.columns.PowerUsage[0]).toBe(direct.columns.PowerUsage[direct.length - 1]);
    expect(value?.series?.length).toBe(1);
  });

  it('gives an offline device an empty latest reading, not an error', async () => {
    hub = new LiveDataHub(client());
    const states: LiveState<import('./resources.js').LatestReading>[] = [];
    hub.subscribe(latestReadingResource(offlineId), (s) => states.push(s));
    const { value, error } = await next(states, (s) => s.fetchedAt !== null);
    expect(error).toBeUndefined();
    expect(value).toEqual({ series: null, time: null });
  });

  it('polls at the smallest interval of the active subscribers and pauses while none is active', async () => {
    hub = new LiveDataHub(client());
    let slowActive = true;
    let fastActive = true;
    const states: LiveState<unknown>[] = [];
    const resource = seriesResource(deviceId, { range: '1h' });
    hub.subscribe(resource, (s) => states.push(s), { refreshIntervalMs: 10_000, active: () => slowActive });
    hub.subscribe(resource, () => {}, { refreshIntervalMs: 150, active: () => fastActive });
    await next(states, (s) => s.value !== undefined);
    running.simulator.resetStats();
    await new Promise((r) => setTimeout(r, 700));
    const polled = measurementRequests();
    expect(polled).toBeGreaterThanOrEqual(2);
    expect(polled).toBeLessThanOrEqual(5);

    fastActive = false;
    slowActive = false;
    hub.activityChanged();
    await vi.waitFor(() => expect(hub?.scheduledKeys).toEqual([]));
    // A poll already on the wire when the hub paused may still land (slowly, on a loaded CI machine):
    // let it, then count only what starts afterwards.
    await new Promise((r) => setTimeout(r, 250));
    running.simulator.resetStats();
    await new Promise((r) => setTimeout(r, 500));
    expect(measurementRequests()).toBe(0);

    // Back on screen after the interval passed: fetched at once, then polled again.
    fastActive = true;
    hub.activityChanged();
    await vi.waitFor(() => expect(measurementRequests()).toBeGreaterThanOrEqual(2), { timeout: 5_000 });
  });

  it('pauses a subscriber that went inactive without telling the hub when its timer fires', async () => {
    hub = new LiveDataHub(client());
    let active = true;
    const states: LiveState<unknown>[] = [];
    hub.subscribe(deviceResource(deviceId), (s) => states.push(s), { refreshIntervalMs: 100, active: () => active });
    await next(states, (s) => s.value !== undefined);
    active = false;
    await new Promise((r) => setTimeout(r, 150));
    running.simulator.resetStats();
    await new Promise((r) => setTimeout(r, 400));
    expect(deviceRequests()).toBe(0);
    expect(hub.scheduledKeys).toEqual([]);
  });

  it('delivers errors with the cached value kept, and a refresh recovers', async () => {
    let broken = false;
    // The client keeps its token until a 401, so a broken token provider shows after tokens expire.
    const good = async () => {
      if (broken) throw new Error('token service unavailable');
      const response = await fetch(`${running.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=demo&password=demo',
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    hub = new LiveDataHub(client(good));
    const states: LiveState<unknown>[] = [];
    hub.subscribe(deviceResource(deviceId), (s) => states.push(s));
    const first = await next(states, (s) => s.value !== undefined);

    broken = true;
    running.simulator.expireTokens();
    await hub.refresh(`device:${deviceId}`);
    const failed = states.at(-1) as LiveState<unknown>;
    expect((failed.error as Error).message).toMatch(/token service unavailable/);
    expect(failed.value).toEqual(first.value);
    expect(failed.loading).toBe(false);

    broken = false;
    await hub.refresh(`device:${deviceId}`);
    expect(states.at(-1)?.error).toBeUndefined();
    expect(states.at(-1)?.value).toEqual(first.value);
  });

  it('leaves no timer and cancels the request in flight once everything is unsubscribed', async () => {
    hub = new LiveDataHub(client());
    const resource = seriesResource(deviceId, { range: '24h' });
    const a = hub.subscribe(resource, () => {}, { refreshIntervalMs: 50 });
    const b = hub.subscribe(deviceResource(deviceId), () => {}, { refreshIntervalMs: 50 });
    await new Promise((r) => setTimeout(r, 300));
    a();
    b();
    expect(hub.scheduledKeys).toEqual([]);
    // The simulator runs in this process: let it finish reading what was already sent.
    await new Promise((r) => setTimeout(r, 50));
    running.simulator.resetStats();
    await new Promise((r) => setTimeout(r, 300));
    expect(running.simulator.stats.requests).toBe(0);
  });

  it('reuses a fresh cached value for a late subscriber and refetches a stale one', async () => {
    let now = Date.now();
    hub = new LiveDataHub(client(), { maxAgeMs: 60_000, now: () => now });
    const states: LiveState<unknown>[] = [];
    const stop = hub.subscribe(deviceResource(deviceId), (s) => states.push(s));
    await next(states, (s) => s.value !== undefined);
    stop();
    running.simulator.resetStats();
    const late: LiveState<unknown>[] = [];
    hub.subscribe(deviceResource(deviceId), (s) => late.push(s));
    expect(late[0]?.value).toBeDefined();
    expect(deviceRequests()).toBe(0);

    now += 61_000;
    const stale: LiveState<unknown>[] = [];
    hub.subscribe(deviceResource(deviceId), (s) => stale.push(s));
    await next(stale, (s) => !s.loading && s.fetchedAt === now);
    expect(deviceRequests()).toBe(1);
  });

  it('resolves calendar periods in the given time zone', () => {
    const now = Date.parse('2026-03-15T05:00:00Z');
    expect(energyPeriodRange('today', 'Australia/Melbourne', now)).toEqual({
      from: Date.parse('2026-03-14T13:00:00Z'),
      to: now,
    });
    expect(energyPeriodRange('month', 'UTC', now).from).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(() => seriesResource(deviceId, { range: 'soon' })).toThrow(RangeError);
  });
});
