import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createSeries } from './create-series.js';
import { orderInRange } from './order-in-range.js';

it('keeps exactly the in-range instants, in order, once each, and accounts for every record', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ t: fc.integer({ min: 0, max: 40 }), v: fc.integer({ min: 0, max: 2 }) }), { maxLength: 60 }),
      (rows) => {
        const from = 10;
        const to = 30;
        const series = createSeries({
          deviceId: '1234567890123456',
          time: rows.map((r) => r.t),
          columns: { PowerUsage: rows.map((r) => r.v) },
        });
        const out = orderInRange(series, from, to);
        const times = Array.from(out.time);
        const expected = [...new Set(rows.map((r) => r.t).filter((t) => t >= from && t < to))].sort((a, b) => a - b);
        expect(times).toEqual(expected);
        // Each in-range instant keeps the value of the first record sent for it.
        for (const [k, t] of times.entries()) {
          expect(out.columns.PowerUsage[k]).toBe(rows.find((r) => r.t === t)?.v);
        }
        const count = (reason: string) => out.issues.filter((i) => i.reason === reason).length;
        const dropped = count('outside-range') + count('duplicate-time') + count('conflicting-duplicate');
        expect(out.length + dropped).toBe(rows.length);
        expect(count('outside-range')).toBe(rows.filter((r) => r.t < from || r.t >= to).length);
        if (out.issues.length === 0) expect(out).toBe(series);
      },
    ),
  );
});
