import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit.js';

describe('ConcurrencyLimit', () => {
  it('doubles a round trip in slow start, then grows by one a round trip', () => {
    const limit = new ConcurrencyLimit(64, 2);
    // One round trip: as many responses as the limit at its start, each with the limit in use
    // (a slot freed by growth is taken at once).
    const roundTrip = () => {
      const n = limit.current;
      for (let i = 0; i < n; i++) limit.succeeded(10, limit.current);
    };
    roundTrip();
    expect(limit.current).toBe(4);
    roundTrip();
    expect(limit.current).toBe(8);
    limit.congested(1_000, 10);
    expect(limit.current).toBe(4);
    // +1/limit a response: just under one a round trip.
    const after = [1, 2, 3].map(() => {
      roundTrip();
      return limit.current;
    });
    expect(after).toEqual([4, 5, 6]);
  });

  it('stops growing once latency climbs past twice the fastest seen, and never passes its maximum', () => {
    const limit = new ConcurrencyLimit(32, 2);
    for (let i = 0; i < 20; i++) limit.succeeded(10 * Math.max(1, limit.current / 4), limit.current);
    const held = limit.current;
    expect(held).toBeLessThanOrEqual(9);
    for (let i = 0; i < 100; i++) limit.succeeded(40, held);
    expect(limit.current).toBe(held);
    const capped = new ConcurrencyLimit(6, 2);
    for (let i = 0; i < 100; i++) capped.succeeded(5, capped.current);
    expect(capped.current).toBe(6);
  });

  it('does not grow a limit that is not in use', () => {
    const limit = new ConcurrencyLimit(16, 4);
    for (let i = 0; i < 50; i++) limit.succeeded(10, 2);
    expect(limit.current).toBe(4);
  });

  it('halves once for congestion signals within a round trip, again after it, never below 1', () => {
    const limit = new ConcurrencyLimit(64, 32);
    limit.succeeded(100, 1);
    for (let t = 0; t < 100; t += 10) limit.congested(1_000 + t, 100);
    expect(limit.current).toBe(16);
    limit.congested(1_201, 100);
    expect(limit.current).toBe(8);
    for (let t = 0; t < 20; t++) limit.congested(10_000 + t * 1_000, 100);
    expect(limit.current).toBe(1);
  });

  it('stays within 1..max whatever happens (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.tuple(fc.constantFrom('ok', 'slow', 'congested', 'other'), fc.integer({ min: 1, max: 500 }))),
        (max, events) => {
          const limit = new ConcurrencyLimit(max, 2);
          let now = 0;
          for (const [kind, ms] of events) {
            now += ms;
            if (kind === 'ok') limit.succeeded(ms, limit.current);
            else if (kind === 'slow') limit.succeeded(ms * 10, limit.current);
            else if (kind === 'congested') limit.congested(now, ms);
            else limit.answered(ms);
            if (limit.current < 1 || limit.current > Math.max(1, max)) return false;
          }
          return true;
        },
      ),
    );
  });
});
