import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleColumnsM4, downsampleM4 } from './downsample-m4.js';

describe('downsampleM4', () => {
  it('keeps first, last, min and max per pixel column', () => {
    const time = Float64Array.from({ length: 10 }, (_, k) => k);
    const values = Float64Array.from([5, 1, 9, 3, 4, 7, 7, 2, 8, 6]);
    const out = downsampleM4(time, values, { from: 0, to: 10, pixels: 2 });
    expect(Array.from(out.time)).toEqual([0, 1, 2, 4, 5, 7, 8, 9]);
    expect(Array.from(out.values)).toEqual([5, 1, 9, 4, 7, 2, 8, 6]);
  });

  it('keeps one NaN per column as a gap and drops points outside the range', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4, 5, 6]);
    const values = Float64Array.from([1, Number.NaN, Number.NaN, 2, 3, 4, 5]);
    const out = downsampleM4(time, values, { from: 0, to: 4, pixels: 1 });
    expect(Array.from(out.time)).toEqual([0, 1, 4]);
    expect(out.values[1]).toBeNaN();
  });

  it('bounds the output by the pixel count and preserves each column extremes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof({ weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, fc.constant(Number.NaN)),
          {
            maxLength: 2000,
          },
        ),
        fc.integer({ min: 1, max: 50 }),
        (list, pixels) => {
          const time = Float64Array.from(list, (_, k) => k * 1000);
          const values = Float64Array.from(list);
          const to = Math.max(1, (list.length - 1) * 1000);
          const out = downsampleM4(time, values, { from: 0, to, pixels });
          expect(out.time.length).toBeLessThanOrEqual(5 * pixels);
          for (let k = 1; k < out.time.length; k++) expect(out.time[k]).toBeGreaterThan(out.time[k - 1] as number);
          const finite = list.filter((v) => !Number.isNaN(v));
          const kept = Array.from(out.values).filter((v) => !Number.isNaN(v));
          if (finite.length > 0) {
            // == rather than Object.is: -0 and 0 are equally extreme.
            expect(Math.max(...kept) === Math.max(...finite)).toBe(true);
            expect(Math.min(...kept) === Math.min(...finite)).toBe(true);
          }
          expect(Array.from(out.values).some(Number.isNaN)).toBe(list.some(Number.isNaN));
        },
      ),
    );
  });

  it('rejects bad options and unsorted time', () => {
    const t = Float64Array.from([0, 1]);
    expect(() => downsampleM4(t, t, { from: 1, to: 1, pixels: 10 })).toThrow(RangeError);
    expect(() => downsampleM4(t, t, { from: 0, to: 1, pixels: 0 })).toThrow(RangeError);
    expect(() => downsampleM4(Float64Array.from([1, 0]), t, { from: 0, to: 1, pixels: 1 })).toThrow(/sorted/);
  });
});

/** Naive M4 of several columns: per pixel column and column, first/last/min/max and first NaN row. */
function naiveRows(time: number[], columns: number[][], from: number, to: number, pixels: number): number[] {
  const picks = new Set<number>();
  const scale = pixels / (to - from);
  for (const values of columns) {
    const byColumn = new Map<number, number[]>();
    time.forEach((t, row) => {
      if (t < from || t > to) return;
      const c = Math.min(pixels - 1, Math.floor((t - from) * scale));
      byColumn.set(c, [...(byColumn.get(c) ?? []), row]);
    });
    for (const rows of byColumn.values()) {
      const present = rows.filter((r) => !Number.isNaN(values[r] as number));
      const gap = rows.find((r) => Number.isNaN(values[r] as number));
      if (gap !== undefined) picks.add(gap);
      if (present.length === 0) continue;
      const vs = present.map((r) => values[r] as number);
      picks.add(present[0] as number);
      picks.add(present[present.length - 1] as number);
      picks.add(present[vs.indexOf(Math.min(...vs))] as number);
      picks.add(present[vs.indexOf(Math.max(...vs))] as number);
    }
  }
  return [...picks].sort((a, b) => a - b);
}

describe('downsampleColumnsM4', () => {
  const value = fc.oneof({ weight: 10, arbitrary: fc.integer({ min: -50, max: 50 }) }, fc.constant(Number.NaN));

  it('keeps the union of every column M4 picks on one time axis, with the statistics of every row in range', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 400 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 }),
            ),
          ),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 100 }),
        ([n, columns], pixels, offset) => {
          const time = Array.from({ length: n }, (_, k) => k * 10);
          const from = offset;
          const to = Math.max(from + 1, (n - 1) * 10 - offset);
          const out = downsampleColumnsM4(
            Float64Array.from(time),
            columns.map((c) => Float64Array.from(c)),
            { from, to, pixels },
          );
          const rows = naiveRows(time, columns, from, to, pixels);
          expect(Array.from(out.time)).toEqual(rows.map((r) => time[r]));
          columns.forEach((values, c) => {
            expect(Array.from(out.columns[c] as Float64Array)).toEqual(rows.map((r) => values[r]));
            const inRange = time.flatMap((t, r) =>
              t >= from && t <= to && !Number.isNaN(values[r] as number) ? [values[r] as number] : [],
            );
            const st = out.stats[c];
            expect(st?.count).toBe(inRange.length);
            expect(st?.sum).toBe(inRange.reduce((a, b) => a + b, 0));
            if (inRange.length > 0) {
              expect(st?.min).toBe(Math.min(...inRange));
              expect(st?.max).toBe(Math.max(...inRange));
              expect(st?.latest).toBe(inRange[inRange.length - 1]);
            }
            expect(out.gaps[c]).toBe(rows.some((r) => Number.isNaN(values[r] as number)));
          });
        },
      ),
    );
  });

  it('keeps every row in range when there are few per pixel column', () => {
    const time = Float64Array.from({ length: 40 }, (_, k) => k);
    const values = Float64Array.from({ length: 40 }, (_, k) => k % 7);
    const out = downsampleColumnsM4(time, [values], { from: 5, to: 30, pixels: 10, keepAllBelowPerPixel: 4 });
    expect(Array.from(out.time)).toEqual(Array.from({ length: 26 }, (_, k) => k + 5));
    const reduced = downsampleColumnsM4(time, [values], { from: 5, to: 30, pixels: 2, keepAllBelowPerPixel: 4 });
    expect(reduced.time.length).toBeLessThan(26);
  });
});
