// The local_time column across daylight-saving changes, in every format, read back by DuckDB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeries, type MeasurementSeries } from '@carbontrack/core';
import { timeZoneOffsetMs } from '@carbontrack/core/time-zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeriesWriter, exportLayout, OUTPUT_FORMATS, writeSeriesFile } from '../src/index.js';
import { openDuckDB } from './duckdb-fixture.js';
import { deviceIds, fetchSeries, simulatorClient } from './simulator-fixture.js';

const query = await openDuckDB();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carbontrack-export-local-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The local_time column of a written file, read back as text by DuckDB. */
async function localTimes(path: string, format: string): Promise<Array<{ time: number | null; local: string | null }>> {
  const from =
    format === 'parquet'
      ? `read_parquet('${path}')`
      : format === 'csv'
        ? `read_csv('${path}', types = {'local_time': 'VARCHAR', 'time': 'TIMESTAMPTZ'})`
        : `read_json('${path}', format = 'newline_delimited', columns = {'time': 'TIMESTAMPTZ', 'local_time': 'VARCHAR'})`;
  const rows = await query(`SELECT epoch_ms(time)::DOUBLE AS time, local_time AS local FROM ${from}`);
  return rows as Array<{ time: number | null; local: string | null }>;
}

describe('local_time in Australia/Sydney, simulator data across both 2026 changes', () => {
  const cases = [
    {
      change: 'daylight saving ends 2026-04-05 03:00 AEDT',
      from: '2026-04-04T14:00:00Z',
      to: '2026-04-04T18:00:00Z',
      before: ['2026-04-04T15:55:00.000Z', '2026-04-05T02:55:00+11:00'],
      after: ['2026-04-04T16:00:00.000Z', '2026-04-05T02:00:00+10:00'],
    },
    {
      change: 'daylight saving starts 2026-10-04 02:00 AEST',
      from: '2026-10-03T14:00:00Z',
      to: '2026-10-03T18:00:00Z',
      before: ['2026-10-03T15:55:00.000Z', '2026-10-04T01:55:00+10:00'],
      after: ['2026-10-03T16:00:00.000Z', '2026-10-04T03:00:00+11:00'],
    },
  ] as const;

  for (const { change, from, to, before, after } of cases) {
    for (const format of OUTPUT_FORMATS) {
      it(`${change}: ${format} shows the offset in force at each instant`, async () => {
        const { simulator, client } = simulatorClient();
        const [deviceId] = deviceIds(simulator, 1, 'Australia/Sydney');
        const series = await fetchSeries(client, deviceId as string, from, to);
        const path = join(dir, `${from.slice(0, 10)}.${format}`);
        await writeSeriesFile(path, series, { format, timeZone: 'Australia/Sydney' });
        const rows = await localTimes(path, format);
        expect(rows).toHaveLength(48);
        const at = (iso: string) => rows.find((r) => r.time === Date.parse(iso))?.local;
        expect(at(before[0])).toBe(before[1]);
        expect(at(after[0])).toBe(after[1]);
        for (const { time, local } of rows) {
          // The text names the same instant, and carries the zone's offset at that instant.
          expect(Date.parse(local as string)).toBe(time);
          const offset = timeZoneOffsetMs('Australia/Sydney', time as number) / 3_600_000;
          expect(local?.endsWith(`+${offset}:00`)).toBe(true);
        }
      });
    }
  }

  it('names the zone in the Parquet metadata', async () => {
    const path = join(dir, 'zone.parquet');
    await writeSeriesFile(path, createSeries({ time: [0] }), { format: 'parquet', timeZone: 'australia/sydney' });
    const kv = await query(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${path}')`);
    expect(kv).toContainEqual({ key: 'carbontrack.time_zone', value: 'Australia/Sydney' });
  });
});

describe('local_time text', () => {
  /** The local_time cells of `series` as a CSV writer writes them. */
  function localColumn(series: MeasurementSeries, timeZone: string): string[] {
    const writer = createSeriesWriter('csv', { timeZone, fields: [] });
    const text = new TextDecoder().decode(Buffer.concat([...writer.write(series), ...writer.finish()]));
    return text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1] as string);
  }

  it('follows zones whose offset changes by 30 minutes or on a half hour (Lord Howe, Chatham), row by row', () => {
    for (const [timeZone, day] of [
      ['Australia/Lord_Howe', '2026-04-04'],
      ['Australia/Lord_Howe', '2026-10-03'],
      ['Pacific/Chatham', '2026-04-04'],
      ['America/St_Johns', '2026-03-08'],
    ] as const) {
      const start = Date.parse(`${day}T00:00:00Z`);
      const time = Array.from({ length: 2 * 288 }, (_, i) => start + i * 300_000);
      const local = localColumn(createSeries({ time }), timeZone);
      local.forEach((text, i) => {
        const t = time[i] as number;
        expect(Date.parse(text)).toBe(t);
        const offset = timeZoneOffsetMs(timeZone, t);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.floor(Math.abs(offset) / 3_600_000)).padStart(2, '0');
        const mm = String((Math.abs(offset) / 60_000) % 60).padStart(2, '0');
        expect(text.endsWith(`${sign}${hh}:${mm}`)).toBe(true);
      });
      expect(new Set(local.map((text) => text.slice(19))).size).toBe(2);
    }
  });

  it('is +00:00 for UTC, has milliseconds only when the instant has them, and is empty for a NaN time', () => {
    const series = createSeries({
      time: [Date.parse('2026-12-01T08:55:00Z'), Date.parse('2026-12-01T08:55:00.250Z'), Number.NaN],
    });
    expect(localColumn(series, 'UTC')).toEqual(['2026-12-01T08:55:00+00:00', '2026-12-01T08:55:00.250+00:00', '']);
  });

  it('is refused for an unknown zone, before anything is written', () => {
    expect(() => exportLayout({ timeZone: 'Sydney' })).toThrow(RangeError);
    expect(() => createSeriesWriter('csv', { timeZone: '+10:00' })).toThrow(/Unknown time zone/);
  });
});
