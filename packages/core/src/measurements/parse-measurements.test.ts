import { SUCCESS_FIELDS } from '@carbontrack/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measurementPageText } from '../../bench/measurement-page.js';
import { MEASUREMENT_FIELD_NAMES } from './fields.js';
import { MeasurementParseError } from './measurement-parse-error.js';
import { parseMeasurements } from './parse-measurements.js';
import { parseMeasurementsFast as parseFastBytes } from './parse-measurements-fast.js';
import { parseMeasurementsReference } from './parse-measurements-reference.js';
import { type ParseMeasurementsOptions, resolveParseOptions } from './parse-options.js';
import type { MeasurementSeries } from './series.js';

const DEVICE = '8796541235874587';

/** The fast path on the UTF-8 bytes of `text`, as the client reads a response: its series, or null. */
function parseMeasurementsFast(text: string, options = resolveParseOptions(undefined)): MeasurementSeries | null {
  return parseFastBytes(new TextEncoder().encode(text), options)?.series ?? null;
}

/** Every combination of the parse options, defaults included. */
const parseOptions: fc.Arbitrary<ParseMeasurementsOptions | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    emptyNumber: fc.constantFrom(undefined, 'zero' as const, 'missing' as const),
    powerUnit: fc.constantFrom(undefined, 'W' as const, 'kW' as const),
  }),
);

/** Asserts two series are identical: every float compared with Object.is (so NaN and -0 positions count). */
function expectSameSeries(actual: MeasurementSeries, expected: MeasurementSeries): void {
  expect(actual.deviceId).toBe(expected.deviceId);
  expect(actual.length).toBe(expected.length);
  expect(actual.ids).toEqual(expected.ids);
  expect(actual.issues).toEqual(expected.issues);
  expect(actual.time.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual.time[i], expected.time[i])) expect([i, actual.time[i]]).toEqual([i, expected.time[i]]);
  }
  for (const name of MEASUREMENT_FIELD_NAMES) {
    const a = actual.columns[name];
    const b = expected.columns[name];
    expect(a.length, name).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) {
      if (!Object.is(a[i], b[i])) expect([name, i, a[i]]).toEqual([name, i, b[i]]);
    }
  }
}

function groupThousands(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(',');
}

/** Numbers in the formats the API uses. */
const formattedNumber = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.stringMatching(/^(0|[1-9]\d{0,2})$/), fc.stringMatching(/^(0|[1-9]\d{0,14})$/)),
    fc.constantFrom('', '0', '00', '50', '5', '99', '123'),
    fc.boolean(),
  )
  .map(([negative, digits, fraction, group]) => {
    const intPart = group ? groupThousands(digits) : digits;
    return `${negative ? '-' : ''}${intPart}${fraction === '' ? '' : `.${fraction}`}`;
  });

/** Values that must become NaN plus an issue, all safe inside JSON strings without escapes. */
const badNumber = fc.oneof(
  fc.constantFrom(
    'N/A',
    '1,00.00',
    '1e3',
    ' 1',
    '-',
    '1.2.3',
    '+1',
    '-.',
    '5.',
    '1,2345',
    'NaN',
    'null',
    `1${'0'.repeat(400)}`,
  ),
  fc.stringMatching(/^[a-zA-Z0-9 ,.-]{1,8}$/),
);

/** Formatted numbers with more digits than the exact integer method covers. */
const hugeNumber = fc.stringMatching(/^[1-9]\d{15,25}\.\d{1,3}$/);

const numberValue: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 20, arbitrary: formattedNumber },
  { weight: 3, arbitrary: fc.constantFrom('0.0', '0.00', '-0.50', '1,234.56', '-0.00', '12') },
  // What .NET's `#.##` and `#,###.##` print.
  { weight: 3, arbitrary: fc.constantFrom('', '.5', '-.75', '.05', '1000', '1,000', '12.3') },
  { weight: 2, arbitrary: badNumber },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constant(null) },
);

const timestamp = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')),
  },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((ms) => new Date(ms).toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '2019-13-01T00:00:00Z', '2019-05-16T16:55:00+10:00', 'yesterday', '2019-05-16'),
  },
);

const deviceId = fc.oneof(
  { weight: 30, arbitrary: fc.constant(DEVICE) },
  fc.constant('1234567890123456'),
  fc.constant(''),
);

type RawRecord = Record<string, unknown>;

const record: fc.Arbitrary<RawRecord> = fc
  .tuple(
    fc.oneof({ weight: 30, arbitrary: fc.uuid() }, fc.constant('')),
    deviceId,
    timestamp,
    fc.array(numberValue, { minLength: MEASUREMENT_FIELD_NAMES.length, maxLength: MEASUREMENT_FIELD_NAMES.length }),
  )
  .map(([id, device, when, values]) => {
    const out: RawRecord = { ID: id, DeviceID: device, RecordDateTime: when };
    MEASUREMENT_FIELD_NAMES.forEach((name, i) => {
      out[name] = values[i];
    });
    return out;
  });

const records = fc.array(record, { minLength: 0, maxLength: 300 });

function pageText(list: RawRecord[], bare: boolean): string {
  if (bare) return JSON.stringify(list);
  return JSON.stringify({
    Measurements: list,
    Count: list.length,
    Pages: 1,
    PagesIndex: 0,
    ...SUCCESS_FIELDS,
  });
}

/** Shape changes the fast path does not handle: each one must send the page to the reference path. */
type Perturbation = (list: RawRecord[], text: string, pick: number) => string | null;

const PERTURBATIONS: Record<string, Perturbation> = {
  whitespace: (list) => JSON.stringify({ Measurements: list, Count: list.length }, null, 1),
  unicodeEscapeInKey: (_list, text) =>
    text.includes('"PowerUsage"') ? text.replace('"PowerUsage"', '"\\u0050owerUsage"') : null,
  escapedQuoteInId: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    return pageText(
      list.map((r) => (r === target ? { ...r, ID: 'a"b' } : r)),
      false,
    );
  },
  shuffledKeys: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    const entries = Object.entries(target);
    const [first, ...rest] = entries;
    if (first === undefined) return null;
    const swapped = Object.fromEntries([...rest, first]);
    return pageText(
      list.map((r) => (r === target ? swapped : r)),
      false,
    );
  },
  missingField: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    const name = ['ID', 'DeviceID', 'RecordDateTime', ...MEASUREMENT_FIELD_NAMES][pick % 37] as string;
    const { [name]: _dropped, ...rest } = target;
    return pageText(
      list.map((r) => (r === target ? rest : r)),
      false,
    );
  },
  extraField: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    return pageText(
      list.map((r) => (r === target ? { ...r, Extra: '1.00' } : r)),
      false,
    );
  },
  numberNotString: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    const name = MEASUREMENT_FIELD_NAMES[pick % MEASUREMENT_FIELD_NAMES.length] as string;
    return pageText(
      list.map((r) => (r === target ? { ...r, [name]: 12.5 } : r)),
      false,
    );
  },
  nullId: (list, _text, pick) => {
    const target = list[pick % list.length];
    if (target === undefined) return null;
    return pageText(
      list.map((r) => (r === target ? { ...r, ID: null } : r)),
      false,
    );
  },
  nonObjectRecord: (list, _text, pick) => {
    const copy: unknown[] = [...list];
    copy.splice(pick % (list.length + 1), 0, pick % 2 === 0 ? null : 'oops');
    return JSON.stringify({ Measurements: copy, Count: copy.length });
  },
  countFirst: (list) => JSON.stringify({ Count: list.length, Measurements: list }),
  trailingSpace: (_list, text) => `${text} `,
  duplicateMeasurementsKey: (_list, text) => `${text.slice(0, -1)},"Measurements":[]}`,
};

describe('parseMeasurements', () => {
  it('fast path matches the reference bit for bit on API-shaped pages', () => {
    fc.assert(
      fc.property(records, fc.boolean(), parseOptions, (list, bare, options) => {
        const text = pageText(list, bare);
        const fast = parseMeasurementsFast(text, resolveParseOptions(options));
        expect(fast).not.toBeNull();
        expectSameSeries(fast as MeasurementSeries, parseMeasurementsReference(text, options));
        expectSameSeries(
          parseMeasurements(text, options),
          parseMeasurementsReference(JSON.parse(text) as object, options),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('falls back to the reference path on any other shape, with the same result', () => {
    fc.assert(
      fc.property(records, fc.constantFrom(...Object.keys(PERTURBATIONS)), fc.nat(), (list, perturbationName, pick) => {
        const perturbation = PERTURBATIONS[perturbationName] as Perturbation;
        const text = perturbation(list, pageText(list, false), pick);
        if (text === null) return;
        const reference = parseMeasurementsReference(text);
        const fast = parseMeasurementsFast(text);
        // Trailing whitespace after the page is valid JSON the fast path can still read.
        if (perturbationName !== 'trailingSpace') expect(fast).toBeNull();
        if (fast !== null) expectSameSeries(fast, reference);
        expectSameSeries(parseMeasurements(text), reference);
      }),
      { numRuns: 400 },
    );
  });

  it('never disagrees with the reference on arbitrary string values', () => {
    const anyRecord = fc
      .tuple(fc.string(), fc.string(), fc.string(), fc.array(fc.string(), { minLength: 34, maxLength: 34 }))
      .map(([id, device, when, values]) => {
        const out: RawRecord = { ID: id, DeviceID: device, RecordDateTime: when };
        MEASUREMENT_FIELD_NAMES.forEach((name, i) => {
          out[name] = values[i];
        });
        return out;
      });
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 20 }), parseOptions, (list, options) => {
        const text = pageText(list, false);
        const fast = parseMeasurementsFast(text, resolveParseOptions(options));
        const reference = parseMeasurementsReference(text, options);
        if (fast !== null) expectSameSeries(fast, reference);
        expectSameSeries(parseMeasurements(text, options), reference);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects text the reference rejects, even when the records look right', () => {
    const good = pageText([{ ID: 'x', DeviceID: DEVICE, RecordDateTime: '2019-05-16T06:55:00Z' }], false);
    for (const text of [`${good.slice(0, -1)},}`, `${good}x`, `${good.slice(0, -1)}`]) {
      expect(parseMeasurementsFast(text)).toBeNull();
      expect(() => parseMeasurements(text)).toThrow(MeasurementParseError);
    }
  });

  it('reads the benchmark page on the fast path, identical to the reference', () => {
    const text = measurementPageText(500, 7);
    expect(text).toMatch(/"PowerUsage":"\d{1,2},\d{3}\.\d\d"/);
    const fast = parseMeasurementsFast(text);
    expect(fast).not.toBeNull();
    expect(fast?.issues).toEqual([]);
    expectSameSeries(fast as MeasurementSeries, parseMeasurementsReference(text));
  });

  it('grows its arrays when later records are shorter than the first', () => {
    const long: RawRecord = { ID: 'x'.repeat(5000), DeviceID: DEVICE, RecordDateTime: '2024-01-01T00:00:00Z' };
    const short: RawRecord = { ID: 'y', DeviceID: DEVICE, RecordDateTime: '2024-01-01T00:05:00Z' };
    for (const name of MEASUREMENT_FIELD_NAMES) {
      long[name] = '1,234,567.89';
      short[name] = '1';
    }
    const text = pageText([long, ...Array.from({ length: 1000 }, () => short)], false);
    const fast = parseMeasurementsFast(text);
    expect(fast?.length).toBe(1001);
    expectSameSeries(fast as MeasurementSeries, parseMeasurementsReference(text));
  });

  it('reads the OpenAPI example record', () => {
    const text =
      '{"Measurements":[{"ID":"6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c","DeviceID":"8796541235874587",' +
      '"RecordDateTime":"2019-05-16T06:55:00Z","PowerUsage":"1,250.40","Generating":"3,420.10",' +
      '"PowerExported":"2,169.70","PowerFactor1":"0.97","PowerFactor2":"0.95","PowerFactor3":"0.99",' +
      '"PowerFactor4":"0.92","Power1":"640.20","Power2":"310.10","Power3":"200.05","Power4":"100.05",' +
      '"Power1N":"0.00","Power2N":"0.00","Power3N":"0.00","Power4N":"0.00","PowerVAH1":"660.00",' +
      '"PowerVAH2":"326.42","PowerVAH3":"202.07","PowerVAH4":"108.75","Temperature1":"21.40",' +
      '"Temperature2":"18.20","Temperature3":"0.00","Temperature4":"0.00","Temperature5":"0.00",' +
      '"Temperature6":"0.00","Temperature7":"0.0","Temperature8":"0.00","Irradiation":"612.0",' +
      '"BatteryCharge":"84.00","Flow":"0.00","Voltage":"241.30","SignalStrength":"1,000.00",' +
      '"PowerUsageNet":"0.00","PowerExportedNet":"2,169.70"}],"Count":1,"Pages":1,"PagesIndex":0,' +
      '"ResponseCode":200,"ResponseMessage":"OK","Message":"","Error":0,"ErrorNumber":0,"ErrorMessage":""}';
    const fast = parseMeasurementsFast(text);
    expect(fast).not.toBeNull();
    const series = fast as MeasurementSeries;
    expect(series.deviceId).toBe('8796541235874587');
    expect(series.length).toBe(1);
    expect(series.ids).toEqual(['6f1d2c3b-4a5e-4f6a-8b7c-9d0e1f2a3b4c']);
    expect(series.time[0]).toBe(Date.UTC(2019, 4, 16, 6, 55));
    expect(series.columns.PowerUsage[0]).toBe(1250.4);
    expect(series.columns.SignalStrength[0]).toBe(1000);
    expect(series.columns.PowerExportedNet[0]).toBe(2169.7);
    expect(series.issues).toEqual([]);
  });

  it('turns bad values into NaN with issues, without throwing', () => {
    const series = parseMeasurements({
      Measurements: [
        { ID: 'a', DeviceID: DEVICE, RecordDateTime: 'soon', PowerUsage: 'N/A', Generating: null, Flow: 3 },
        { ID: 'b', DeviceID: '1111111111111111', RecordDateTime: '2019-05-16T06:55:00Z', PowerUsage: '' },
        42,
      ],
    });
    expect(series.length).toBe(3);
    expect(series.time[0]).toBeNaN();
    expect(series.columns.PowerUsage[0]).toBeNaN();
    expect(series.columns.Generating[0]).toBeNaN();
    expect(series.issues.filter((i) => i.row === 0).slice(0, 5)).toEqual([
      { row: 0, field: 'RecordDateTime', value: 'soon', reason: 'invalid-date' },
      { row: 0, field: 'PowerUsage', value: 'N/A', reason: 'not-a-number' },
      { row: 0, field: 'Generating', value: null, reason: 'null' },
      { row: 0, field: 'PowerExported', value: null, reason: 'missing' },
      { row: 0, field: 'PowerFactor1', value: null, reason: 'missing' },
    ]);
    expect(series.issues).toContainEqual({ row: 0, field: 'Flow', value: '3', reason: 'not-a-string' });
    expect(series.issues).toContainEqual({
      row: 1,
      field: 'DeviceID',
      value: '1111111111111111',
      reason: 'device-mismatch',
    });
    // "" is zero by default (what `#.##` prints for 0); missing when the caller says so.
    expect(series.columns.PowerUsage[1]).toBe(0);
    expect(series.issues.filter((i) => i.row === 1 && i.field === 'PowerUsage')).toEqual([]);
    expect(series.issues).toContainEqual({ row: 2, field: 'record', value: '42', reason: 'not-an-object' });
    expect(series.deviceId).toBe(DEVICE);
  });

  it('reads "" as missing with emptyNumber: "missing"', () => {
    const text = pageText(
      [{ ID: 'b', DeviceID: DEVICE, RecordDateTime: '2019-05-16T06:55:00Z', PowerUsage: '' }],
      false,
    );
    const series = parseMeasurements(text, { emptyNumber: 'missing' });
    expect(series.columns.PowerUsage[0]).toBeNaN();
    expect(series.issues).toContainEqual({ row: 0, field: 'PowerUsage', value: '', reason: 'empty' });
  });

  it('reads every .NET form on the fast path, and a number too large to be finite as an out-of-range issue', () => {
    const values = ['', '.5', '-.75', '1000', '1,000', '12.3', `9${'9'.repeat(400)}.5`];
    const record: RawRecord = { ID: 'x', DeviceID: DEVICE, RecordDateTime: '2019-05-16T06:55:00Z' };
    MEASUREMENT_FIELD_NAMES.forEach((name, i) => {
      record[name] = values[i % values.length];
    });
    const series = parseMeasurementsFast(pageText([record], false)) as MeasurementSeries;
    expect(series).not.toBeNull();
    expect(Array.from(MEASUREMENT_FIELD_NAMES.slice(0, 7), (name) => series.columns[name][0])).toEqual([
      0,
      0.5,
      -0.75,
      1000,
      1000,
      12.3,
      Number.NaN,
    ]);
    expect(series.issues).toEqual(
      MEASUREMENT_FIELD_NAMES.flatMap((name, i) =>
        i % values.length === 6 ? [{ row: 0, field: name, value: values[6], reason: 'out-of-range' }] : [],
      ),
    );
  });

  it('reads kW into W exactly (power and apparent power only) with powerUnit: "kW"', () => {
    const record: RawRecord = { ID: 'x', DeviceID: DEVICE, RecordDateTime: '2019-05-16T06:55:00Z' };
    for (const name of MEASUREMENT_FIELD_NAMES) record[name] = '1.005';
    const text = pageText([record], false);
    const series = parseMeasurements(text, { powerUnit: 'kW' });
    expect(series.columns.PowerUsage[0]).toBe(1005);
    expect(series.columns.PowerVAH1[0]).toBe(1005);
    expect(series.columns.Power4N[0]).toBe(1005);
    expect(series.columns.Voltage[0]).toBe(1.005);
    expect(series.columns.PowerFactor1[0]).toBe(1.005);
    expect(series.columns.Temperature1[0]).toBe(1.005);
    expect(() => parseMeasurements(text, { powerUnit: 'MW' as never })).toThrow(RangeError);
  });

  it.each([
    ['not JSON', 'nope'],
    ['an object without Measurements', '{"Count":0}'],
    ['Measurements that is not an array', '{"Measurements":{}}'],
    ['a JSON string', '"x"'],
    ['JSON null', 'null'],
  ])('throws MeasurementParseError for %s', (_label, text) => {
    let caught: unknown;
    try {
      parseMeasurements(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MeasurementParseError);
    expect((caught as Error).name).toBe('MeasurementParseError');
    expect((caught as Error).message).toMatch(/Measurement page/);
  });

  it('accepts empty pages and bare arrays', () => {
    expect(parseMeasurements('{"Measurements":[],"Count":0}').length).toBe(0);
    expect(parseMeasurements('[]').length).toBe(0);
    expect(parseMeasurements([]).deviceId).toBeNull();
  });
});
