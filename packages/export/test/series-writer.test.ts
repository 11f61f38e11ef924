// The one writer API over the three formats: chunks, row groups, streams, files, and what it refuses.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  createSeries,
  MEASUREMENT_FIELD_NAMES,
  type MeasurementField,
  type MeasurementSeries,
} from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSeriesWriter,
  exportLayout,
  exportUnits,
  isOutputFormat,
  OUTPUT_FORMAT_EXTENSIONS,
  OUTPUT_FORMATS,
  writeSeriesFile,
  writeSeriesStream,
} from '../src/index.js';
import { openDuckDB } from './duckdb-fixture.js';
import { deviceIds, fetchSeries, simulatorClient } from './simulator-fixture.js';
import { expectedRows, selectColumns } from './table-fixture.js';

const query = await openDuckDB();
let dir: string;
const { simulator, client } = simulatorClient();
const [deviceId] = deviceIds(simulator, 1) as [string];
let days: MeasurementSeries[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbontrack-export-writer-'));
  days = [
    await fetchSeries(client, deviceId, '2026-07-01T00:00:00Z', '2026-07-02T00:00:00Z'),
    await fetchSeries(client, deviceId, '2026-07-02T00:00:00Z', '2026-07-03T00:00:00Z'),
  ];
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const bytesOf = (chunks: readonly Uint8Array[]) => Buffer.concat(chunks);
const FIELDS: MeasurementField[] = ['PowerUsage', 'Generating', 'Voltage'];

describe('output formats', () => {
  it('lists the three formats with their extensions and recognises their names', () => {
    expect(OUTPUT_FORMATS).toEqual(['parquet', 'csv', 'ndjson']);
    expect(OUTPUT_FORMAT_EXTENSIONS).toEqual({ parquet: '.parquet', csv: '.csv', ndjson: '.ndjson' });
    expect(OUTPUT_FORMATS.every(isOutputFormat)).toBe(true);
    for (const other of ['json', 'PARQUET', '', 3, null]) expect(isOutputFormat(other)).toBe(false);
  });
});

describe('exportLayout', () => {
  it('orders time, local_time, device_id, id, then the fields, with units from core', () => {
    const layout = exportLayout({ timeZone: 'Australia/Sydney', fields: ['Temperature1', 'PowerFactor1'] });
    expect(layout.columns.map((c) => [c.name, c.type, c.unit])).toEqual([
      ['time', 'timestamp', null],
      ['local_time', 'string', null],
      ['device_id', 'string', null],
      ['id', 'string', null],
      ['Temperature1', 'double', '°C'],
      ['PowerFactor1', 'double', ''],
    ]);
    expect(exportUnits(layout)).toEqual({ Temperature1: '°C', PowerFactor1: '' });
    expect(exportLayout().fields).toEqual(MEASUREMENT_FIELD_NAMES);
  });

  it('refuses an unknown field and a field given twice', () => {
    expect(() => exportLayout({ fields: ['PowerUsage', 'Power' as MeasurementField] })).toThrow(
      /Unknown measurement field 'Power'/,
    );
    expect(() => exportLayout({ fields: ['Flow', 'Flow'] })).toThrow(/listed twice/);
  });
});

describe('createSeriesWriter', () => {
  for (const format of ['csv', 'ndjson'] as const) {
    it(`${format}: the same bytes whether rows come in one call, in slices or in series`, () => {
      const whole = createSeriesWriter(format);
      const once = bytesOf([
        ...whole.write(days[0] as MeasurementSeries),
        ...whole.write(days[1] as MeasurementSeries),
        ...whole.finish(),
      ]);
      const sliced = createSeriesWriter(format);
      const chunks: Uint8Array[] = [];
      for (const series of days) {
        for (let start = 0; start < series.length; start += 100) {
          chunks.push(...sliced.write(series, start, Math.min(series.length, start + 100)));
        }
      }
      chunks.push(...sliced.finish());
      expect(bytesOf(chunks).equals(once)).toBe(true);
      expect(sliced.records).toBe(576);
    });
  }

  it('parquet: holds rows until a row group is full, across series, and hands out each group at once', async () => {
    const writer = createSeriesWriter('parquet', { rowGroupSize: 100, fields: FIELDS });
    const first = writer.write(days[0] as MeasurementSeries);
    expect(first.length).toBeGreaterThan(0);
    const chunks = [
      ...first,
      ...writer.write(days[1] as MeasurementSeries, 0, 10),
      ...writer.write(days[1] as MeasurementSeries, 10),
      ...writer.finish(),
    ];
    const path = join(dir, 'groups.parquet');
    await writeFile(path, bytesOf(chunks));
    const groups = await query(
      `SELECT DISTINCT row_group_id AS id, row_group_num_rows AS n FROM parquet_metadata('${path}') ORDER BY id`,
    );
    expect(groups.map((g) => Number(g.n))).toEqual([100, 100, 100, 100, 100, 76]);
    const rows = await query(`SELECT ${selectColumns(FIELDS)} FROM read_parquet('${path}')`);
    expect(rows).toEqual(days.flatMap((s) => expectedRows(s, FIELDS)));
  });

  it('counts records, and refuses a bad range, a write after finish and a second finish', () => {
    const writer = createSeriesWriter('ndjson');
    const series = days[0] as MeasurementSeries;
    writer.write(series, 0, 5);
    expect(writer.records).toBe(5);
    expect(() => writer.write(series, 5, series.length + 1)).toThrow(RangeError);
    expect(() => writer.write(series, 6, 5)).toThrow(RangeError);
    expect(() => writer.write(series, 0.5, 3)).toThrow(RangeError);
    writer.finish();
    expect(() => writer.write(series)).toThrow(/finished/);
    expect(() => writer.finish()).toThrow(/already finished/);
  });

  it('refuses an unknown format and a row group size that is not a positive integer', () => {
    expect(() => createSeriesWriter('xlsx' as 'csv')).toThrow(/Unknown output format 'xlsx'/);
    for (const rowGroupSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => createSeriesWriter('parquet', { rowGroupSize })).toThrow(RangeError);
    }
  });
});

describe('writeSeriesStream', () => {
  /** A sink taking a millisecond per chunk with a tiny buffer, so backpressure is certain. */
  function slowSink(): { sink: Writable; received: Buffer[] } {
    const received: Buffer[] = [];
    const sink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        setTimeout(callback, 1);
      },
    });
    return { sink, received };
  }

  for (const format of OUTPUT_FORMATS) {
    it(`${format}: streams the same bytes as the writer makes, waiting for a slow sink, and leaves it open`, async () => {
      const { sink, received } = slowSink();
      const result = await writeSeriesStream(sink, days, { format });
      const writer = createSeriesWriter(format);
      const expected = bytesOf([...days.flatMap((s) => writer.write(s)), ...writer.finish()]);
      expect(result).toEqual({ records: 576, bytes: expected.byteLength });
      expect(Buffer.concat(received).equals(expected)).toBe(true);
      expect(sink.writableEnded).toBe(false);
    });
  }

  it("writes straight from the client's paged measurements (an async iterable of days)", async () => {
    const { sink, received } = slowSink();
    const pages = client.measurements({ deviceId, from: '2026-07-01T00:00:00Z', to: '2026-07-04T00:00:00Z' });
    expect(await writeSeriesStream(sink, pages, { format: 'csv', fields: FIELDS })).toMatchObject({ records: 3 * 288 });
    expect(Buffer.concat(received).toString('utf8').split('\n')).toHaveLength(1 + 3 * 288 + 1);
  });

  it('fails at once on a sink that is already closed, instead of waiting for it to drain', async () => {
    const { sink } = slowSink();
    sink.destroy();
    await expect(writeSeriesStream(sink, days, { format: 'csv' })).rejects.toThrow(/closed/);
  });

  it('fails, without crashing the process, when the sink fails', async () => {
    const sink = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    await expect(writeSeriesStream(sink, days, { format: 'ndjson' })).rejects.toThrow('disk full');
  });
});

describe('writeSeriesFile', () => {
  it('creates the folders of a partitioned path and replaces an existing file', async () => {
    const path = join(dir, 'out', 'date=2026-07-01', `${deviceId}.csv`);
    await writeSeriesFile(path, days, { format: 'csv', fields: FIELDS });
    const result = await writeSeriesFile(path, days[0] as MeasurementSeries, { format: 'csv', fields: FIELDS });
    const text = await readFile(path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(result.bytes);
    expect(text.split('\n')).toHaveLength(1 + 288 + 1);
  });

  it('leaves nothing behind when the source fails part way', async () => {
    async function* failing() {
      yield days[0] as MeasurementSeries;
      throw new Error('the API went away');
    }
    const folder = join(dir, 'failed');
    await expect(writeSeriesFile(join(folder, 'x.parquet'), failing(), { format: 'parquet' })).rejects.toThrow(
      'the API went away',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('checks its options before creating anything', async () => {
    const path = join(dir, 'never', 'x.csv');
    await expect(
      writeSeriesFile(path, createSeries({ time: [0] }), { format: 'csv', timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow(RangeError);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
