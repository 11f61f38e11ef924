// CSV and NDJSON files of simulator data, read back by real DuckDB and compared with the input.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeries, emptySeries, MEASUREMENT_FIELD_NAMES, type MeasurementSeries } from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayout, writeSeriesFile } from '../src/index.js';
import { columnTypes, openDuckDB } from './duckdb-fixture.js';
import { deviceIds, fetchSeries, simulatorClient } from './simulator-fixture.js';
import { expectedRows, selectColumns } from './table-fixture.js';

const query = await openDuckDB();
let dir: string;
const days: MeasurementSeries[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbontrack-export-text-'));
  const { simulator, client } = simulatorClient();
  const [deviceId] = deviceIds(simulator, 1);
  for (const [from, to] of [
    ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'],
    ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z'],
  ] as const) {
    days.push(await fetchSeries(client, deviceId as string, from, to));
  }
  const first = days[0] as MeasurementSeries;
  first.columns.PowerUsage[3] = Number.NaN;
  first.columns.Irradiation[4] = Number.NEGATIVE_INFINITY;
  first.time[5] = Number.NaN;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Types for DuckDB's readers by column name: what the sniffer cannot know (16-digit IDs are text, not BIGINT). */
const types = `{${[
  "'device_id': 'VARCHAR'",
  "'id': 'VARCHAR'",
  "'time': 'TIMESTAMPTZ'",
  ...MEASUREMENT_FIELD_NAMES.map((f) => `'${f}': 'DOUBLE'`),
].join(', ')}}`;
const expected = () => days.flatMap((s) => expectedRows(s, MEASUREMENT_FIELD_NAMES));

describe('CSV', () => {
  it('is read back by read_csv record for record, two series in one file, NaN as an empty cell', async () => {
    const path = join(dir, 'two-days.csv');
    expect(await writeSeriesFile(path, days, { format: 'csv' })).toMatchObject({ records: 576 });
    const from = `read_csv('${path}', header = true, types = ${types})`;
    expect(Object.keys(await columnTypes(query, from))).toEqual(exportLayout().columns.map((c) => c.name));
    expect(await query(`SELECT ${selectColumns(MEASUREMENT_FIELD_NAMES)} FROM ${from}`)).toEqual(expected());
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[0]).toBe(['time', 'device_id', 'id', ...MEASUREMENT_FIELD_NAMES].join(','));
    expect(lines[4]?.split(',')[3]).toBe('');
    expect(lines[6]?.startsWith(',')).toBe(true);
    expect(lines.at(-1)).toBe('');
  });

  it('is sniffed by DuckDB with no hints: time as TIMESTAMP WITH TIME ZONE, values as numbers', async () => {
    const path = join(dir, 'sniffed.csv');
    await writeSeriesFile(path, days[1] as MeasurementSeries, { format: 'csv' });
    const sniffed = await columnTypes(query, `read_csv('${path}')`);
    expect(sniffed.time).toBe('TIMESTAMP WITH TIME ZONE');
    expect(sniffed.PowerUsage).toBe('DOUBLE');
  });

  it('of an empty series is the header alone', async () => {
    const path = join(dir, 'empty.csv');
    expect(await writeSeriesFile(path, emptySeries(), { format: 'csv' })).toEqual({
      records: 0,
      bytes: expect.any(Number),
    });
    expect(await readFile(path, 'utf8')).toBe(
      `${exportLayout()
        .columns.map((c) => c.name)
        .join(',')}\n`,
    );
  });

  it('quotes a cell only when it must, and writes a missing ID as an empty cell', async () => {
    const series = createSeries({ time: [0, 300_000], ids: ['a,"b"', ''], deviceId: '1', columns: { Flow: [1.5, 0] } });
    const path = join(dir, 'quoted.csv');
    await writeSeriesFile(path, series, { format: 'csv', fields: ['Flow'] });
    expect(await readFile(path, 'utf8')).toBe(
      'time,device_id,id,Flow\n1970-01-01T00:00:00.000Z,1,"a,""b""",1.5\n1970-01-01T00:05:00.000Z,1,,0\n',
    );
    const rows = await query(`SELECT id, Flow FROM read_csv('${path}', types = {'id': 'VARCHAR', 'Flow': 'DOUBLE'})`);
    expect(rows).toEqual([
      { id: 'a,"b"', Flow: 1.5 },
      { id: null, Flow: 0 },
    ]);
  });
});

describe('NDJSON', () => {
  it('is read back by read_json record for record, NaN as null', async () => {
    const path = join(dir, 'two-days.ndjson');
    expect(await writeSeriesFile(path, days, { format: 'ndjson' })).toMatchObject({ records: 576 });
    const columns = `{${exportLayout()
      .columns.map(
        (c) => `'${c.name}': '${c.type === 'double' ? 'DOUBLE' : c.type === 'timestamp' ? 'TIMESTAMPTZ' : 'VARCHAR'}'`,
      )
      .join(', ')}}`;
    const from = `read_json('${path}', format = 'newline_delimited', columns = ${columns})`;
    expect(await query(`SELECT ${selectColumns(MEASUREMENT_FIELD_NAMES)} FROM ${from}`)).toEqual(expected());
    const sniffed = await columnTypes(query, `read_json('${path}', format = 'newline_delimited')`);
    expect(Object.keys(sniffed)).toEqual(exportLayout().columns.map((c) => c.name));
    expect(sniffed.device_id).toBe('VARCHAR');
  });

  it('writes one object a line with every key, times as ISO 8601 UTC and numbers in full precision', async () => {
    const series = createSeries({
      time: [Date.parse('2026-12-01T08:55:00Z'), Number.NaN],
      deviceId: '8000000412618177',
      ids: ['r1', ''],
      columns: { PowerUsage: [0.1 + 0.2, Number.NaN], Voltage: [239.99999999999997, 1e21] },
    });
    const path = join(dir, 'precision.ndjson');
    await writeSeriesFile(path, series, { format: 'ndjson', fields: ['PowerUsage', 'Voltage'] });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: '2026-12-01T08:55:00.000Z',
        device_id: '8000000412618177',
        id: 'r1',
        PowerUsage: 0.1 + 0.2,
        Voltage: 239.99999999999997,
      },
      { time: null, device_id: '8000000412618177', id: null, PowerUsage: null, Voltage: 1e21 },
    ]);
    expect(lines[0]).toContain('"PowerUsage":0.30000000000000004');
  });

  it('of an empty series is an empty file', async () => {
    const path = join(dir, 'empty.ndjson');
    expect(await writeSeriesFile(path, emptySeries(), { format: 'ndjson' })).toEqual({ records: 0, bytes: 0 });
    expect(await readFile(path, 'utf8')).toBe('');
  });
});
