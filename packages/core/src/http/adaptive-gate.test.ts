import { describe, expect, it } from 'vitest';
import { AdaptiveGate } from './adaptive-gate.js';
import type { ReceivedResponse } from './request-pipeline.js';

const response = (status: number, headers: Record<string, string> = {}): ReceivedResponse => ({
  status,
  statusText: '',
  headers: new Headers(headers),
  body: null,
});

/** Runs `count` exchanges through the gate, keeping it saturated; each takes `latency(i)` ms of real time. */
async function drive(gate: AdaptiveGate, count: number, answer: (i: number) => [number, ReceivedResponse]) {
  let peak = 0;
  let active = 0;
  const concurrency: number[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      gate.run(async () => {
        active++;
        peak = Math.max(peak, active);
        const [ms, res] = answer(i);
        await new Promise((r) => setTimeout(r, ms));
        active--;
        concurrency.push(gate.concurrency);
        return res;
      }, i),
    ),
  );
  return { peak, concurrency };
}

describe('AdaptiveGate', () => {
  it('grows from 2 while latency holds, and never runs more than its maximum at once', async () => {
    const gate = new AdaptiveGate({ maxConcurrency: 12 });
    expect(gate.concurrency).toBe(2);
    const { peak } = await drive(gate, 120, () => [5, response(200)]);
    // How far it grows depends on the machine's timer noise (ConcurrencyLimit's tests pin the rule).
    expect(gate.concurrency).toBeGreaterThan(2);
    expect(peak).toBeLessThanOrEqual(12);
    expect(peak).toBeGreaterThan(2);
  });

  it('halves on a 429 or 503, once per round trip, and starts nothing before a 429’s Retry-After has passed', async () => {
    const gate = new AdaptiveGate({ maxConcurrency: 16, initialConcurrency: 16 });
    const starts: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        gate.run(async () => {
          starts.push(performance.now() - t0);
          // Long enough that the sixteen answers land within one round trip even on a busy machine.
          await new Promise((r) => setTimeout(r, 60));
          return i < 16 ? response(429, { 'Retry-After': '1' }) : response(200);
        }, i),
      ),
    );
    // Sixteen 429s arriving together are one congestion signal: 16 → 8, not 16 → 1.
    expect(gate.concurrency).toBe(8);
    const late = starts.slice(16);
    for (const start of late) expect(start).toBeGreaterThanOrEqual(990);
    // A 503 halves too, but its Retry-After is the one request's to wait: the others go on.
    const gate503 = new AdaptiveGate({ maxConcurrency: 16, initialConcurrency: 8 });
    const t1 = performance.now();
    await drive(gate503, 1, () => [1, response(503, { 'Retry-After': '5' })]);
    expect(gate503.concurrency).toBe(4);
    await gate503.run(async () => response(200), 1);
    expect(performance.now() - t1).toBeLessThan(4_000);
  });

  it('spaces request starts to requestsPerSecond', async () => {
    const gate = new AdaptiveGate({ maxConcurrency: 8, initialConcurrency: 8, requestsPerSecond: 20 });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        gate.run(async () => {
          starts.push(performance.now());
          return response(200);
        }, i),
      ),
    );
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    // 50 ms apart, give or take timer granularity.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);
  });

  it('lets an aborted waiter go without taking a slot', async () => {
    const gate = new AdaptiveGate({ maxConcurrency: 1, initialConcurrency: 1 });
    let release: () => void = () => {};
    const first = gate.run(() => new Promise<ReceivedResponse>((r) => (release = () => r(response(200)))), 0);
    const controller = new AbortController();
    const second = gate.run(async () => response(200), 1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    release();
    await expect(first).resolves.toMatchObject({ status: 200 });
    await expect(gate.run(async () => response(204), 2)).resolves.toMatchObject({ status: 204 });
  });
});
