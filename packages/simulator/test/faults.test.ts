import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, listen, type RunningSimulator, type SimulatorOptions } from '../src/index.js';
import { assertContract } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const LOGIN = 'grant_type=password&username=demo&password=demo';

interface Outcome {
  status: number;
  retryAfter: string | null;
  validJson: boolean;
}

/** Sends `count` token requests and then Distributor requests, recording what came back. */
async function run(options: SimulatorOptions, count: number): Promise<Outcome[]> {
  const server = await listen({ now: () => NOW, ...options });
  try {
    const outcomes: Outcome[] = [];
    let token = '';
    for (let i = 0; i < count; i++) {
      const response = token
        ? await fetch(`${server.url}/ctapi/Distributor`, { headers: { authorization: `Bearer ${token}` } })
        : await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: FORM, body: LOGIN });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (body !== undefined) {
        const path = token ? '/ctapi/Distributor' : '/oauth/token';
        assertContract(token ? 'GET' : 'POST', path, response.status, body);
        if (!token && response.status === 200) token = (body as { access_token: string }).access_token;
      }
      outcomes.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        validJson: body !== undefined,
      });
    }
    return outcomes;
  } finally {
    await server.close();
  }
}

describe('fault injection', () => {
  it('is reproducible: same seed and requests give the same statuses', async () => {
    const first = await run({ seed: 9, faultRate: 0.4 }, 40);
    const second = await run({ seed: 9, faultRate: 0.4 }, 40);
    expect(second).toEqual(first);
    expect(first.some((o) => o.status !== 200 || !o.validJson)).toBe(true);
    expect(first.some((o) => o.status === 200 && o.validJson)).toBe(true);
    const other = await run({ seed: 10, faultRate: 0.4 }, 40);
    expect(other).not.toEqual(first);
  });

  it('injects nothing at faultRate 0', async () => {
    const outcomes = await run({ seed: 9 }, 30);
    expect(outcomes.every((o) => o.status === 200 && o.validJson)).toBe(true);
  });

  describe('at faultRate 1', () => {
    let server: RunningSimulator;
    const seen = new Map<string, number>();

    beforeAll(async () => {
      server = await listen({ seed: 4, faultRate: 1, now: () => NOW });
      for (let i = 0; i < 60; i++) {
        const response = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: FORM, body: LOGIN });
        const text = await response.text();
        let kind: string;
        if (response.status === 500) kind = 'server-error';
        else if (response.status === 503) kind = 'unavailable';
        else if (response.status === 429) kind = 'rate-limit';
        else if (text.startsWith('{"access_token"') && text.endsWith(',}')) kind = 'invalid-json';
        else kind = 'truncated-json';
        if (response.status !== 200) {
          assertContract('POST', '/oauth/token', response.status, JSON.parse(text));
          if (response.status !== 500) expect(response.headers.get('retry-after')).toBe('1');
        } else {
          expect(() => JSON.parse(text)).toThrow();
        }
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
    });
    afterAll(() => server.close());

    it('produces every kind of fault', () => {
      expect([...seen.keys()].sort()).toEqual([
        'invalid-json',
        'rate-limit',
        'server-error',
        'truncated-json',
        'unavailable',
      ]);
      expect(Object.keys(server.simulator.stats.faults).sort()).toEqual([...FAULT_KINDS].sort());
    });

    it('rejects the two requests after a 429 burst too', () => {
      const stats = server.simulator.stats.faults;
      expect(seen.get('rate-limit')).toBe(stats['rate-limit-burst']);
      expect(server.simulator.stats.statuses['429']).toBe(stats['rate-limit-burst']);
    });
  });

  it('bursts three 429s in a row for the same token', async () => {
    const server = await listen({ seed: 4, faultRate: 1, now: () => NOW });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${server.url}/ctapi/Distributor`, { headers: { authorization: 'Bearer x' } });
        await response.text();
        statuses.push(response.status);
      }
      const text = statuses.join(',');
      // A burst starts where the fault stream picks it; the rest of the stream is unchanged.
      expect(text).toMatch(/429,429,429/);
    } finally {
      await server.close();
    }
  });

  it('delays responses by latencyMs plus seeded jitter', async () => {
    const server = await listen({ seed: 4, latencyMs: 60, jitterMs: 20 });
    try {
      const started = performance.now();
      const response = await fetch(`${server.url}/ctapi/Distributor`);
      await response.text();
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(59);
      expect(elapsed).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });
});
