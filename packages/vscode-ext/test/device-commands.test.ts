import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const deps = (window: ReturnType<typeof scriptedWindow>['window']) => ({
    sessions: sim.sessions,
    window,
    clipboard,
    now: () => now,
  });

  it('exports a custom range as CSV whose rows match core output for the same query', async () => {
    const path = join(dir, 'custom.csv');
    const ui = scriptedWindow(['Custom dates…', '2026-03-01', '2026-03-04', 'CSV', Uri.file(path)]);
    const target = await exportMeasurementsCommand(deps(ui.window), node);
    expect(target?.fsPath).toBe(path);
    const client = await sim.sessions.client(sim.connection);
    const series = await client
      .measurements({ deviceId: node.deviceId, from: '2026-03-01', to: '2026-03-04' })
      .collect();
    const csv = readFileSync(path, 'utf8');
    expect(csv).toBe(formatSeries([series], 'csv'));
    expect(csv.trim().split('\n')).toHaveLength(1 + 3 * 288);
    expect(csv.split('\n')[0]).toMatch(/^RecordDateTime,ID,PowerUsage,Generating,/);
    expect(ui.messages.at(-1)?.text).toContain('Exported 864 rows');
    expect(readdirSync(dir)).toEqual(['custom.csv']);
  });

  it('exports JSON (last 7 days), one object per record', async () => {
    const path = join(dir, 'week.json');
    const ui = scriptedWindow(['Last 7 days', 'JSON', Uri.file(path)]);
    await exportMeasurementsCommand(deps(ui.window), node);
    const rows = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(7 * 288);
    expect(Object.keys(rows[0] ?? {}).slice(0, 3)).toEqual(['RecordDateTime', 'ID', 'PowerUsage']);
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
