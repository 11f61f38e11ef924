import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCarbonTrackClient, MEASUREMENT_FIELD_NAMES } from '@carbontrack/core';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEnv, type CtResult, runCt, startCt } from './run-ct.js';

// ct export of 50 devices × 7 days: read back by DuckDB as one table and compared, record for
// record and field for field, with core's own parse of the same data; interrupted (SIGINT,
// SIGKILL) and resumed; and under injected faults.
const NOW = Date.UTC(2025, 0, 20, 3, 7, 12);
const FROM = '2025-01-08T00:00:00Z';
const TO = '2025-01-15T00:00:00Z';
const WORLD = { seed: 31, now: () => NOW, devices: 75 };

let clean: RunningSimulator;
let slow: RunningSimulator;
let faulty: RunningSimulator;
let distributorId: string;
let expected: string[];
let db: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>;

const columns = ['device_id', 'epoch_ms(time) AS t', 'id', ...MEASUREMENT_FIELD_NAMES].join(', ');

/** Every record of an export folder, one line of text per record, in device then time order. */
async function exported(dir: string): Promise<string[]> {
  const rows = await db.runAndReadAll(
    `SELECT ${columns}, strftime(date, '%Y-%m-%d') FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true) ORDER BY device_id, time`,
  );
  return rows.getRowsJS().map((row) => {
    const date = row[row.length - 1];
    const t = Number(row[1]);
    // The partition column is the record's UTC day.
    expect(date).toBe(new Date(t).toISOString().slice(0, 10));
    return JSON.stringify(row.slice(0, -1).map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  });
}

function exportArgs(out: string, extra: string[] = []) {
  return ['export', '--distributor', distributorId, '--from', FROM, '--to', TO, '--out', out, ...extra];
}

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'ct-export-')), 'out');

/** Starts an export and stops it with `signal` once it has written `files` files. */
async function interrupted(url: string, out: string, signal: NodeJS.Signals, files: number): Promise<CtResult> {
  const run = startCt(exportArgs(out, ['--concurrency', '4']), accountEnv(url));
  const list = join(out, '_files.ndjson');
  while (!existsSync(list) || readFileSync(list, 'utf8').split('\n').length <= files) {
    await new Promise((r) => setTimeout(r, 10));
  }
  run.child.kill(signal);
  return run.done;
}

beforeAll(async () => {
  clean = await listen(WORLD, { port: 0 });
  slow = await listen({ ...WORLD, latencyMs: 40 }, { port: 0 });
  faulty = await listen({ ...WORLD, faultRate: 0.2 }, { port: 0 });
  const { world } = clean.simulator;
  distributorId = world.distributors[0]?.ID as string;
  expect(world.deviceRange(distributorId)).toEqual({ first: 0, end: 50 });
  db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run("SET TimeZone = 'UTC'");

  // Core's own parse of the same data: every device of the distributor, in ID order.
  const client = createCarbonTrackClient({ baseUrl: clean.url, credentials: { username: 'demo', password: 'demo' } });
  const ids = (await client.devices().collect()).map((d) => d.DeviceID as string).sort();
  expect(ids).toHaveLength(50);
  expected = [];
  for (const id of ids) {
    const series = await client.measurements({ deviceId: id, from: FROM, to: TO }).collect();
    for (let row = 0; row < series.length; row++) {
      const values = MEASUREMENT_FIELD_NAMES.map((f) => {
        const v = series.columns[f][row] as number;
        return Number.isNaN(v) ? null : v;
      });
      expected.push(JSON.stringify([id, series.time[row], series.ids[row], ...values]));
    }
  }
}, 120_000);
afterAll(async () => {
  db?.closeSync();
  await Promise.all([clean?.close(), slow?.close(), faulty?.close()]);
});

describe('ct export to Parquet, read back by DuckDB', () => {
  it('50 devices × 7 days are one table equal to core’s parse, record for record, with a true manifest', async () => {
    const out = freshDir();
    const result = await runCt(exportArgs(out), accountEnv(clean.url));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('export complete: 350 of 350 device-days');
    // Not a terminal: plain progress lines, no bar redraws.
    expect(result.stderr).not.toContain('\r');
    const rows = await exported(out);
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected);
    const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ complete: true, done: 350, total: 350, records: expected.length });
    const listed = readFileSync(join(out, '_files.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(listed).toHaveLength(manifest.files);
    for (const file of listed) expect(existsSync(join(out, file.path))).toBe(true);
    expect(readdirSync(out, { recursive: true }).some((f) => String(f).endsWith('.partial'))).toBe(false);
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`killed halfway with ${signal} and run again with --resume, the table is identical and no record is doubled`, async () => {
      const out = freshDir();
      const stopped = await interrupted(slow.url, out, signal, 120);
      const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
      expect(manifest.complete).toBe(false);
      expect(manifest.done).toBeLessThan(350);
      if (signal === 'SIGINT') {
        expect(stopped.code).toBe(3);
        expect(stopped.stderr).toMatch(/ct: export interrupted: \d+ of 350 device-days/);
        expect(stopped.stderr).toContain('--resume');
        // A clean stop leaves no half-written file, and lists every file it finished.
        expect(readdirSync(out, { recursive: true }).some((f) => String(f).endsWith('.partial'))).toBe(false);
      } else {
        expect(stopped.signal).toBe('SIGKILL');
      }
      // Whatever the manifest says is done is there, whole, and readable.
      const listed = readFileSync(join(out, '_files.ndjson'), 'utf8').trim().split('\n').filter(Boolean);
      for (const line of listed.slice(0, manifest.files)) {
        const file = JSON.parse(line);
        expect(existsSync(join(out, file.path))).toBe(true);
      }
      const resumed = await runCt(exportArgs(out, ['--resume']), accountEnv(slow.url));
      expect(resumed.code, resumed.stderr).toBe(0);
      const rows = await exported(out);
      expect(new Set(rows).size).toBe(rows.length);
      expect(rows).toEqual(expected);
      expect(readdirSync(out, { recursive: true }).some((f) => String(f).endsWith('.partial'))).toBe(false);
      const final = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
      expect(final).toMatchObject({ complete: true, done: 350, records: expected.length });
    });
  }

  it('at 20 % injected faults and their 429 bursts, the export equals the fault-free one', async () => {
    const out = freshDir();
    const result = await runCt(exportArgs(out), accountEnv(faulty.url));
    expect(result.code, result.stderr).toBe(0);
    expect(Object.values(faulty.simulator.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    expect(faulty.simulator.stats.faults.burst ?? faulty.simulator.stats.statuses['429']).toBeGreaterThan(0);
    expect(await exported(out)).toEqual(expected);
  }, 180_000);
});

describe('ct export refuses what it cannot do, before fetching anything', () => {
  it('a folder holding other files, an export without --resume, or --resume with other options: exit 1', async () => {
    const env = accountEnv(clean.url);
    const other = freshDir();
    await runCt(['export', '--devices', '8000000000000000', '--from', FROM, '--to', TO, '--out', other], env);
    const busy = mkdtempSync(join(tmpdir(), 'ct-busy-'));
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    const notEmpty = await runCt(exportArgs(busy), env);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.stderr).toContain('is not empty and holds no export manifest');

    const out = freshDir();
    const first = await runCt(
      ['export', '--distributor', distributorId, '--from', FROM, '--to', '2025-01-09', '--out', out],
      env,
    );
    expect(first.code).toBe(0);
    const again = await runCt(
      ['export', '--distributor', distributorId, '--from', FROM, '--to', '2025-01-09', '--out', out],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already holds an export (50 of 50 device-days done)');
    expect(again.stderr).toContain('Add --resume');
    const changed = await runCt(exportArgs(out, ['--resume']), env);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('holds an export with another to');
    const done = await runCt(
      ['export', '--distributor', distributorId, '--from', FROM, '--to', '2025-01-09', '--out', out, '--resume'],
      env,
    );
    expect(done.code).toBe(0);
  });

  it('a device the account cannot see is exit 2 naming it, with no file written', async () => {
    const { world } = clean.simulator;
    const theirs = world.devices.find((d) => d.distributorId !== distributorId)?.id as string;
    const out = freshDir();
    const result = await runCt(
      ['export', '--devices', theirs, '--from', FROM, '--to', TO, '--out', out],
      accountEnv(clean.url),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ct: export failed: .*403/m);
    expect(readdirSync(out).filter((f) => !f.startsWith('_'))).toEqual([]);
  });
});
