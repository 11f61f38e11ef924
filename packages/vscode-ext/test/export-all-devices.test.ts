import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Customer, Distributor } from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAllDevicesCommand } from '../src/fleet/export-all-devices.js';
import type { CustomerNode, DistributorNode } from '../src/tree/tree-nodes.js';
import { scriptedWindow, startSimulator } from './helpers.js';
import { Uri } from './vscode-double.js';

// "Export All Devices…" runs the CLI's fleet export (exportFleet) from a tree node.
describe('Export All Devices on a customer or distributor', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let customer: CustomerNode;
  let distributor: DistributorNode;
  beforeAll(async () => {
    sim = await startSimulator();
    const client = await sim.sessions.client(sim.connection);
    const customers = await client.customers({ pageSize: 50 }).collect();
    const many = customers.find((c) => (c.Devices?.length ?? 0) >= 2) as Customer;
    customer = { kind: 'customer', connection: sim.connection, customer: many };
    const [own] = await client.distributors().collect();
    distributor = { kind: 'distributor', connection: sim.connection, distributor: own as Distributor };
  });
  afterAll(() => sim.close());

  const deps = (window: ReturnType<typeof scriptedWindow>['window']) => ({
    sessions: sim.sessions,
    window,
    now: () => Date.parse('2026-03-10T12:00:00Z'),
  });

  it("writes a customer's devices, one file per device-day, and says where, with the same records as core reads", async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ct-fleet-'));
    const ui = scriptedWindow(['Custom dates…', '2026-03-01', '2026-03-04', 'CSV', [Uri.file(parent)]]);
    const done = await exportAllDevicesCommand(deps(ui.window), customer);
    expect(done?.result.complete).toBe(true);
    const folder = done?.folder.fsPath as string;
    expect(folder).toBe(join(parent, `carbontrack-${customer.customer.AccountNumber}-2026-03-01-2026-03-04`));
    const ids = customer.customer.Devices as string[];
    const client = await sim.sessions.client(sim.connection);
    let records = 0;
    for (const id of ids)
      records += (await client.measurements({ deviceId: id, from: '2026-03-01', to: '2026-03-04' }).collect()).length;
    const manifest = JSON.parse(readFileSync(join(folder, '_manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      complete: true,
      done: ids.length * 3,
      total: ids.length * 3,
      records,
      format: 'csv',
    });
    const first = readFileSync(join(folder, 'date=2026-03-01', `${ids[0]}.csv`), 'utf8').split('\n');
    expect(first[0]?.startsWith('time,device_id,id,PowerUsage')).toBe(true);
    expect(ui.messages.at(-1)?.text).toContain(`Exported ${manifest.files} files`);
    expect(ui.messages.at(-1)?.items).toContain('Reveal in File Explorer');
  });

  it('a cancelled distributor export keeps what is done; the same command on the same folder finishes it', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ct-fleet-'));
    const answers = () => ['Custom dates…', '2026-03-01', '2026-03-02', 'Parquet', [Uri.file(parent)]];
    const ui = scriptedWindow(answers());
    ui.cancelAfterReports(40);
    const stopped = await exportAllDevicesCommand(deps(ui.window), distributor);
    expect(stopped?.result.interrupted).toBe(true);
    expect(ui.messages.at(-1)?.level).toBe('warning');
    expect(ui.messages.at(-1)?.text).toMatch(/Export stopped at \d+ of \d+ device-days/);
    const partial = stopped?.result.manifest;
    expect(partial?.complete).toBe(false);

    const again = scriptedWindow(answers());
    const finished = await exportAllDevicesCommand(deps(again.window), distributor);
    expect(finished?.folder.fsPath).toBe(stopped?.folder.fsPath);
    expect(finished?.result.complete).toBe(true);
    const world = sim.running.simulator.world;
    const range = world.deviceRange(distributor.distributor.ID as string);
    expect(finished?.result.manifest.total).toBe(range.end - range.first);
    expect(finished?.result.manifest.done).toBe(range.end - range.first);
  });
});
