// 10 devices x 7 days through the proxy (its own process) in front of a simulator injecting faults
// into 20 % of its answers, with core's client behind it as a browser would use it: the data equals
// the fault-free run's record for record, and no 200 a browser receives is anything but valid JSON.
import { createCarbonTrackClient, MEASUREMENT_FIELD_NAMES } from '@carbontrack/core';
import { listen } from '@carbontrack/simulator';
import { afterAll, expect, it } from 'vitest';
import { startProxy } from './proxy-process.js';

const NOW = Date.UTC(2026, 1, 20, 12);
const DAY = 86_400_000;

it('at 20 % upstream faults the client behind the proxy gets every record, and only valid JSON in 200s', {
  timeout: 120_000,
}, async () => {
  const clean = await listen({ seed: 61, now: () => NOW }, { port: 0, host: '127.0.0.1' });
  const faulty = await listen({ seed: 61, now: () => NOW, faultRate: 0.2 }, { port: 0, host: '127.0.0.1' });
  const proxy = await startProxy({
    CARBONTRACK_UPSTREAM: faulty.url,
    CARBONTRACK_RATE_LIMIT: '0',
    CARBONTRACK_CACHE_TTL_MS: '0',
    CARBONTRACK_DEADLINE_MS: '20000',
  });
  afterAll(async () => {
    await proxy.stop();
    await clean.close();
    await faulty.close();
  });
  const badBodies: string[] = [];
  let okAnswers = 0;
  const browser = createCarbonTrackClient({
    baseUrl: proxy.url,
    auth: 'none',
    retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 200 },
    fetch: async (request) => {
      const response = await fetch(request);
      if (response.status === 200) {
        const text = await response.clone().text();
        okAnswers++;
        try {
          JSON.parse(text);
        } catch {
          badBodies.push(text.slice(0, 80));
        }
      }
      return response;
    },
  });
  const direct = createCarbonTrackClient({ baseUrl: clean.url, credentials: { username: 'demo', password: 'demo' } });
  const devices = clean.simulator.world.devices
    .filter((d) => d.distributorId === clean.simulator.world.distributors[0]?.ID && d.offlineSinceMs === null)
    .slice(0, 10)
    .map((d) => d.id);
  expect(devices).toHaveLength(10);
  const from = NOW - 7 * DAY;
  for (const deviceId of devices) {
    const [viaProxy, reference] = await Promise.all([
      browser.measurements({ deviceId, from, to: NOW, concurrency: 2 }).collect(),
      direct.measurements({ deviceId, from, to: NOW }).collect(),
    ]);
    expect(viaProxy.length).toBe(reference.length);
    expect(viaProxy.length).toBeGreaterThan(6 * 288);
    expect(viaProxy.ids).toEqual(reference.ids);
    expect(Array.from(viaProxy.time)).toEqual(Array.from(reference.time));
    for (const name of MEASUREMENT_FIELD_NAMES) {
      expect(Array.from(viaProxy.columns[name]), name).toEqual(Array.from(reference.columns[name]));
    }
    expect(viaProxy.issues).toEqual(reference.issues);
  }
  expect(badBodies).toEqual([]);
  expect(okAnswers).toBeGreaterThanOrEqual(70);
  // The faults really happened, of every kind.
  const faults = faulty.simulator.stats.faults;
  expect(Object.values(faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  expect(Object.keys(faults).sort()).toEqual([
    'invalid-json',
    'rate-limit-burst',
    'server-error',
    'truncated-json',
    'unavailable',
  ]);
});
