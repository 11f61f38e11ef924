import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleM4 } from './downsample-m4.js';

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
