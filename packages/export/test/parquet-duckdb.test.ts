// Parquet files of simulator data in a hive layout, read back by real DuckDB as one table.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  emptySeries,
  MEASUREMENT_FIELD_NAMES,
  MEASUREMENT_FIELDS,
  type MeasurementField,
  type MeasurementSeries,
} from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_METADATA_KEY, UNITS_METADATA_KEY, writeSeriesFile } from '../src/index.js';
import { columnTypes, openDuckDB } from './duckdb-fixture.js';
import { deviceIds, fetchSeries, simulatorClient } from './simulator-fixture.js';
import { expectedRows, selectColumns } from './table-fixture.js';

const DAYS = ['2026-12-01', '2026-12-02'];
const UNITS = Object.fromEntries(MEASUREMENT_FIELDS.map((f) => [f.name, f.unit]));

const query = await openDuckDB();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbontrack-export-parquet-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a hive-partitioned folder of Parquet files (3 devices x 2 days of simulator data)', () => {
  // Written once, in file path order, so DuckDB's rows can be compared in `filename, file_row_number` order.
  const files: Array<{ path: string; date: string; series: MeasurementSeries }> = [];
  const glob = () => `read_parquet('${dir}/hive/**/*.parquet', hive_partitioning = true)`;

  beforeAll(async () => {
    const { simulator, client } = simulatorClient();
    for (const deviceId of deviceIds(simulator, 3)) {
      for (const date of DAYS) {
        const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const series = await fetchSeries(client, deviceId, `${date}T00:00:00Z`, `${next}T00:00:00Z`);
        files.push({ path: join(dir, 'hive', `date=${date}`, `${deviceId}.parquet`), date, series });
      }
    }
    // Unusable values as the parser leaves them: a NaN value, a NaN time, an infinity from computed data.
    const first = files[0]?.series as MeasurementSeries;
    first.columns.PowerUsage[10] = Number.NaN;
    first.columns.Voltage[11] = Number.POSITIVE_INFINITY;
    first.time[12] = Number.NaN;
    files.sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const { path, series } of files) {
      const result = await writeSeriesFile(path, series, { format: 'parquet' });
      expect(result.records).toBe(288);
    }
  });

  it('is read as one table with typed columns and the date partition', async () => {
    const types = await columnTypes(query, glob());
    expect(Object.keys(types)).toEqual(['time', 'device_id', 'id', ...MEASUREMENT_FIELD_NAMES, 'date']);
    expect(types.time).toBe('TIMESTAMP WITH TIME ZONE');
    expect(types.device_id).toBe('VARCHAR');
    expect(types.id).toBe('VARCHAR');
    for (const field of MEASUREMENT_FIELD_NAMES) expect(types[field]).toBe('DOUBLE');
    expect(types.date).toBe('DATE');
  });

  it('holds every record of the input, every field, NaN as NULL, times to the millisecond', async () => {
    const rows = await query(
      `SELECT ${selectColumns(MEASUREMENT_FIELD_NAMES)}, strftime(date, '%Y-%m-%d') AS date
       FROM read_parquet('${dir}/hive/**/*.parquet', hive_partitioning = true, filename = true, file_row_number = true)
       ORDER BY filename, file_row_number`,
    );
    const expected = files.flatMap(({ date, series }) =>
      expectedRows(series, MEASUREMENT_FIELD_NAMES).map((row) => ({ ...row, date })),
    );
    expect(rows).toHaveLength(3 * 2 * 288);
    expect(rows).toEqual(expected);
    const broken = rows.slice(10, 13);
    expect(broken.map((r) => [r.PowerUsage, r.Voltage, r.time === null])).toEqual([
      [null, expect.any(Number), false],
      [expect.any(Number), null, false],
      [expect.any(Number), expect.any(Number), true],
    ]);
  });

  it('keeps NULL apart from zero when aggregated (a null is not counted as a 0 W reading)', async () => {
    const [row] = await query(
      `SELECT count(*) AS n, count("PowerUsage") AS power, count(time) AS times FROM ${glob()}
       WHERE date = DATE '${DAYS[0]}' AND device_id = '${files[0]?.series.deviceId}'`,
    );
    expect(row).toEqual({ n: 288n, power: 287n, times: 287n });
  });

  it('carries the units in the file metadata and in each field column chunk', async () => {
    const kv = await query(
      `SELECT file_name, decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${dir}/hive/**/*.parquet')`,
    );
    expect(kv).toHaveLength(files.length);
    for (const entry of kv) {
      expect(entry.key).toBe(UNITS_METADATA_KEY);
      expect(JSON.parse(entry.value as string)).toEqual(UNITS);
    }
    const chunks = await query(
      `SELECT path_in_schema AS name, decode(map_extract_value(key_value_metadata, encode('${UNIT_METADATA_KEY}'))) AS unit
       FROM parquet_metadata('${dir}/hive/**/*.parquet')`,
    );
    expect(chunks).toHaveLength(files.length * (3 + MEASUREMENT_FIELD_NAMES.length));
    for (const { name, unit } of chunks) expect(unit).toBe(UNITS[name as string] ?? null);
    expect(chunks.find((r) => r.name === 'Temperature1')?.unit).toBe('°C');
  });

  it('is compressed (Snappy), never UNCOMPRESSED', async () => {
    const rows = await query(`SELECT DISTINCT compression FROM parquet_metadata('${dir}/hive/**/*.parquet')`);
    expect(rows.map((r) => r.compression)).toEqual(['SNAPPY']);
  });

  it("answers the README's query: daily energy per device", async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const sql = readme.match(/```sql\n([\s\S]*?)```/)?.[1] as string;
    expect(sql).toContain("read_parquet('out/**/*.parquet', hive_partitioning = true)");
    const rows = await query(sql.replace("'out/", `'${dir}/hive/`));
    // Sydney days: the two UTC days start at 11:00 local, so they spread over three local days.
    expect(rows).toHaveLength(3 * 3);
    expect(new Set(rows.map((r) => r.device_id)).size).toBe(3);
    for (const row of rows) expect(row.used_kwh).toBeGreaterThan(0);
    expect(rows.reduce((n, r) => n + Number(r.missing_readings), 0)).toBe(1);
  });

  it('leaves no partial files behind', async () => {
    const names = (await readdir(join(dir, 'hive'), { recursive: true })).filter((n) => n.endsWith('.partial'));
    expect(names).toEqual([]);
  });
});

describe('a Parquet file of an empty series', () => {
  it('is valid, has zero rows and the full schema', async () => {
    const path = join(dir, 'empty.parquet');
    expect(await writeSeriesFile(path, emptySeries('8000000412618177'), { format: 'parquet' })).toMatchObject({
      records: 0,
    });
    const types = await columnTypes(query, `read_parquet('${path}')`);
    expect(Object.keys(types)).toEqual(['time', 'device_id', 'id', ...MEASUREMENT_FIELD_NAMES]);
    expect(types.time).toBe('TIMESTAMP WITH TIME ZONE');
    expect(await query(`SELECT count(*) AS n FROM read_parquet('${path}')`)).toEqual([{ n: 0n }]);
    const [kv] = await query(`SELECT decode(value) AS units FROM parquet_kv_metadata('${path}')`);
    expect(JSON.parse(kv?.units as string)).toEqual(UNITS);
  });
});

describe('the fields option', () => {
  it('writes only the fields asked for, in the order asked, and their units only', async () => {
    const { simulator, client } = simulatorClient();
    const [deviceId] = deviceIds(simulator, 1);
    const series = await fetchSeries(client, deviceId as string, '2026-06-01T00:00:00Z', '2026-06-01T06:00:00Z');
    const fields: MeasurementField[] = ['Generating', 'PowerUsage', 'BatteryCharge'];
    const path = join(dir, 'fields.parquet');
    await writeSeriesFile(path, series, { format: 'parquet', fields });
    const types = await columnTypes(query, `read_parquet('${path}')`);
    expect(Object.keys(types)).toEqual(['time', 'device_id', 'id', ...fields]);
    expect(await query(`SELECT ${selectColumns(fields)} FROM read_parquet('${path}')`)).toEqual(
      expectedRows(series, fields),
    );
    const [kv] = await query(`SELECT decode(value) AS units FROM parquet_kv_metadata('${path}')`);
    expect(JSON.parse(kv?.units as string)).toEqual({ Generating: 'W', PowerUsage: 'W', BatteryCharge: '%' });
  });
});
