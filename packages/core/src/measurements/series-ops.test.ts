import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatSeries } from './concat-series.js';
import { dedupeSeries } from './dedupe-series.js';
import { MEASUREMENT_FIELD_NAMES, MEASUREMENT_FIELDS, measurementField } from './fields.js';
import { parseMeasurements } from './parse-measurements.js';
import { selectRows } from './select-rows.js';
import { emptySeries } from './series.js';

function page(ids: string[], device = '8796541235874587') {
  return parseMeasurements({
    Measurements: ids.map((id, i) => ({
      ID: id,
      DeviceID: device,
      RecordDateTime: new Date(Date.UTC(2024, 0, 1) + i * 300_000).toISOString(),
      PowerUsage: id === 'bad' ? 'N/A' : `${i}.00`,
    })),
  });
}

describe('MEASUREMENT_FIELDS', () => {
  it('lists the 34 numeric fields in API order', () => {
    expect(MEASUREMENT_FIELD_NAMES).toHaveLength(34);
    expect(MEASUREMENT_FIELD_NAMES[0]).toBe('PowerUsage');
    expect(MEASUREMENT_FIELD_NAMES[33]).toBe('PowerExportedNet');
    expect(new Set(MEASUREMENT_FIELD_NAMES).size).toBe(34);
    expect(MEASUREMENT_FIELDS.every((f) => f.label.length > 0)).toBe(true);
  });

  it('looks fields up by name', () => {
    expect(measurementField('PowerVAH2')).toMatchObject({ unit: 'VA', kind: 'apparent-power' });
    expect(measurementField('SignalStrength').unit).toBe('dBm');
    expect(() => measurementField('Nope')).toThrow(RangeError);
  });
});

describe('concatSeries / selectRows / dedupeSeries', () => {
  it('concatenates in order and shifts issue rows', () => {
    const joined = concatSeries([page(['a', 'bad']), emptySeries(), page(['c', 'bad'])]);
    expect(joined.length).toBe(4);
    expect(joined.ids).toEqual(['a', 'bad', 'c', 'bad']);
    expect(joined.issues.filter((i) => i.field === 'PowerUsage').map((i) => i.row)).toEqual([1, 3]);
    expect(Array.from(joined.columns.PowerUsage.subarray(0, 1))).toEqual([0]);
    expect(joined.deviceId).toBe('8796541235874587');
  });

  it('flags a part from another device', () => {
    const joined = concatSeries([page(['a']), page(['b'], '1111111111111111')]);
    expect(joined.issues).toContainEqual({
      row: 1,
      field: 'DeviceID',
      value: '1111111111111111',
      reason: 'device-mismatch',
    });
  });

  it('concatenating pages split anywhere gives the whole page', () => {
    const ids = Array.from({ length: 40 }, (_, i) => (i % 7 === 3 ? 'bad' : `id-${i}`));
    const whole = page(ids);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), 40];
        const parts = points.slice(1).map((end, k) =>
          selectRows(
            whole,
            Array.from({ length: end - (points[k] ?? 0) }, (_, j) => (points[k] ?? 0) + j),
          ),
        );
        const joined = concatSeries(parts);
        expect(joined.ids).toEqual(whole.ids);
        expect(joined.issues).toEqual(whole.issues);
        expect(Array.from(joined.time)).toEqual(Array.from(whole.time));
        expect(Array.from(joined.columns.PowerUsage)).toEqual(Array.from(whole.columns.PowerUsage));
      }),
    );
  });

  it('drops repeated IDs, keeping the first, and keeps records without ID', () => {
    const joined = concatSeries([page(['a', 'b', 'bad']), page(['b', 'bad', 'c', '', ''])]);
    const unique = dedupeSeries(joined);
    expect(unique.ids).toEqual(['a', 'b', 'bad', 'c', '', '']);
    expect(Array.from(unique.columns.PowerUsage)).toEqual([0, 1, Number.NaN, 2, 3, 4]);
    expect(unique.issues.filter((i) => i.field === 'PowerUsage').map((i) => i.row)).toEqual([2]);
    expect(dedupeSeries(unique)).toBe(unique);
    expect(dedupeSeries(page(['x', 'a']), new Set(['a'])).ids).toEqual(['x']);
  });

  it('rejects rows outside the series', () => {
    expect(() => selectRows(page(['a']), [1])).toThrow(RangeError);
  });
});
