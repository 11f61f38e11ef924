import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localTimeToInstant } from '@carbontrack/core/time-zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetRange } from '../src/devices/date-range.js';
import { copyAsCodeCommand, copyDeviceIdCommand, exportMeasurementsCommand } from '../src/devices/device-commands.js';
import { formatSeries } from '../src/measurements/measurement-rows.js';
import type { DeviceNode } from '../src/tree/tree-nodes.js';
import { scriptedWindow, startSimulator } from './helpers.js';
import { Uri } from './vscode-double.js';

describe('device commands against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let node: DeviceNode;
  const dir = mkdtempSync(join(tmpdir(), 'ct-export-'));
  const clipboard = {
    text: '',
    async writeText(text: string) {
      clipboard.text = text;
    },
  };
  beforeAll(async () => {
    sim = await startSimulator();
    const world = sim.running.simulator.world;
    const device = world.devices.find(
      (d) => d.offlineSinceMs === null && d.distributorId === world.distributors[0]?.ID,
    );
    const client = await sim.sessions.client(sim.connection);
    node = {
      kind: 'device',
      connection: sim.connection,
      deviceId: device?.id as string,
      device: await client.device(device?.id as string),
      reading: undefined,
    };
  });
  afterAll(() => sim.close());

  const now = Date.parse('2026-03-10T12:00:00Z');
  const zoneOfNode = () => sim.running.simulator.world.deviceById.get(node.deviceId)?.timeZone as string;
  const deps = (window: ReturnType<typeof scriptedWindow>['window']) => ({
    sessions: sim.sessions,
    window,
    clipboard,
    now: () => now,
  });

  it('exports custom local dates as CSV with local times and units, the rows core reads for the same days', async () => {
    const path = join(dir, 'custom.csv');
    const ui = scriptedWindow(['Custom dates…', '2026-03-01', '2026-03-04', 'CSV', Uri.file(path)]);
    const opened: unknown[] = [];
    const target = await exportMeasurementsCommand({ ...deps(ui.window), open: (f: unknown) => opened.push(f) }, node);
    expect(target?.fsPath).toBe(path);
    // The dates are the device's local midnights, and the prompts say in which zone.
    const zone = zoneOfNode();
    expect(ui.inputs[0]?.title).toBe(`From (inclusive, local midnight in ${zone})`);
    const day = (d: string) => localTimeToInstant(Date.parse(`${d}T00:00:00Z`), zone);
    const client = await sim.sessions.client(sim.connection);
    const series = await client
      .measurements({ deviceId: node.deviceId, from: day('2026-03-01'), to: day('2026-03-04') })
      .collect();
    const csv = readFileSync(path, 'utf8');
    expect(csv).toBe(formatSeries([series], 'csv', undefined, { timeZone: zone }));
    expect(csv.trim().split('\n')).toHaveLength(1 + 3 * 288);
    expect(csv.split('\n')[0]).toMatch(/^RecordDateTime,LocalTime,ID,PowerUsage \(W\),Generating \(W\),/);
    // The first row is the local midnight of 1 March, with its offset.
    expect(csv.split('\n')[1]).toMatch(/^\S+Z,2026-03-01T00:00:00[+-]\d{2}:\d{2},/);
    expect(ui.messages.at(-1)?.text).toContain('Exported 864 rows');
    // The notification offers to open the file or reveal it.
    expect(ui.messages.at(-1)?.items).toEqual(['Open', 'Reveal']);
    expect(readdirSync(dir)).toEqual(['custom.csv']);
  });

  it('exports JSON (last 7 days), one object per record', async () => {
    const path = join(dir, 'week.json');
    const ui = scriptedWindow(['Last 7 days', 'JSON', Uri.file(path)]);
    await exportMeasurementsCommand(deps(ui.window), node);
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(7 * 288);
    expect(Object.keys(rows[0] ?? {}).slice(0, 4)).toEqual(['RecordDateTime', 'LocalTime', 'ID', 'PowerUsage']);
  });

  it('a cancelled export leaves no file behind', async () => {
    const path = join(dir, 'cancelled.csv');
    const ui = scriptedWindow(['Last 30 days', 'CSV', Uri.file(path)]);
    ui.cancelAfterReports(2);
    await expect(exportMeasurementsCommand(deps(ui.window), node)).rejects.toThrow(/Cancel/);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it("offers Today from midnight in the device's own zone (core's rule), or the setting's", async () => {
    const zone = sim.running.simulator.world.deviceById.get(node.deviceId)?.timeZone as string;
    const ui = scriptedWindow(['Today', undefined]);
    await exportMeasurementsCommand(deps(ui.window), node);
    expect(ui.quickPicks[0]?.find((item) => item.label === 'Today')?.description).toBe(`since midnight, ${zone}`);
    const set = scriptedWindow(['Today', undefined]);
    await exportMeasurementsCommand({ ...deps(set.window), timeZone: () => 'Australia/Perth' }, node);
    expect(set.quickPicks[0]?.find((item) => item.label === 'Today')?.description).toBe(
      'since midnight, Australia/Perth',
    );
  });

  it('offers yesterday, this month and last month as local days, across a DST change', () => {
    const zone = 'Australia/Sydney';
    const at = (y: number, m: number, d: number, h = 0) => localTimeToInstant(Date.UTC(y, m, d, h), zone);
    // 6 April 2026 09:00: yesterday was the 25-hour day the clocks went back.
    const now6 = at(2026, 3, 6, 9);
    expect(presetRange('yesterday', now6, zone)).toMatchObject({ from: at(2026, 3, 5), to: at(2026, 3, 6) });
    expect(at(2026, 3, 6) - at(2026, 3, 5)).toBe(25 * 3_600_000);
    expect(presetRange('month', now6, zone)).toMatchObject({ from: at(2026, 3, 1), to: now6 });
    expect(presetRange('lastMonth', now6, zone)).toMatchObject({ from: at(2026, 2, 1), to: at(2026, 3, 1) });
    expect(presetRange('lastMonth', at(2026, 0, 15), zone)).toMatchObject({
      from: at(2025, 11, 1),
      to: at(2026, 0, 1),
    });
  });

  it('dismissing a prompt exports nothing', async () => {
    const ui = scriptedWindow(['Today', undefined]);
    expect(await exportMeasurementsCommand(deps(ui.window), node)).toBeUndefined();
  });

  it('validates custom dates', async () => {
    const ui = scriptedWindow(['Custom dates…', '2026-03-05', undefined]);
    await exportMeasurementsCommand(deps(ui.window), node);
    expect(ui.inputs[0]?.validateInput?.('yesterday')).toMatch(/date/);
    expect(ui.inputs[1]?.validateInput?.('2026-03-01')).toMatch(/after/);
    expect(ui.inputs[1]?.validateInput?.('2026-03-06')).toBeUndefined();
  });

  it('copies the device ID and a @carbontrack/core snippet', async () => {
    const ui = scriptedWindow(['Last 7 days']);
    await copyDeviceIdCommand(deps(ui.window), node);
    expect(clipboard.text).toBe(node.deviceId);
    const code = await copyAsCodeCommand(deps(ui.window), node);
    expect(code).toBe(clipboard.text);
    expect(code).toContain(`deviceId: "${node.deviceId}"`);
    expect(code).toContain(`baseUrl: ${JSON.stringify(sim.running.url)}`);
    expect(code).toContain('"2026-03-03T12:00:00.000Z"');
    expect(code).not.toContain("'demo'");
  });
});
