import { AuthenticationError } from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarbonTrackTreeProvider } from '../src/tree/carbontrack-tree-provider.js';
import type { CustomerNode, DeviceNode, DistributorNode, TreeNode } from '../src/tree/tree-nodes.js';
import { startSimulator } from './helpers.js';

describe('CarbonTrackTreeProvider against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let tree: CarbonTrackTreeProvider;
  const errors: unknown[] = [];
  let firstPage = 0;
  beforeAll(async () => {
    sim = await startSimulator();
    tree = new CarbonTrackTreeProvider(sim.sessions, {
      pageSize: () => 5,
      onError: (error) => errors.push(error),
      onFirstCustomerPage: () => firstPage++,
    });
  });
  afterAll(() => sim.close());

  async function distributor(): Promise<DistributorNode> {
    const [connection] = await tree.getChildren();
    const [node] = await tree.getChildren(connection);
    return node as DistributorNode;
  }

  it('shows connection → distributor → first page of customers with "Load more…"', async () => {
    const roots = await tree.getChildren();
    expect(roots.map((r) => tree.getTreeItem(r).label)).toEqual(['Simulator']);
    expect(tree.getTreeItem(roots[0] as TreeNode).contextValue).toBe('carbontrack.connection');
    const dist = await distributor();
    expect(tree.getTreeItem(dist).label).toBe('demo');
    expect(tree.getTreeItem(dist).contextValue).toBe('carbontrack.distributor');
    const children = await tree.getChildren(dist);
    expect(children).toHaveLength(6);
    expect(children.at(-1)?.kind).toBe('load-more');
    const expected = sim.running.simulator.world.customers
      .filter((c) => c.DistributorId === dist.distributor.ID)
      .slice(0, 5)
      .map((c) => c.AccountNumber);
    expect(children.slice(0, 5).map((c) => (c as CustomerNode).customer.AccountNumber)).toEqual(expected);
    expect(tree.getTreeItem(children[0] as TreeNode).contextValue).toBe('carbontrack.customer');
    // "Load more…" says how many of how many are shown.
    const total = sim.running.simulator.world.customers.filter((c) => c.DistributorId === dist.distributor.ID).length;
    expect(tree.getTreeItem(children.at(-1) as TreeNode).label).toBe(`Load more… (5 of ${total})`);
    expect(firstPage).toBe(1);
  });

  it('"Load more…" appends the next page', async () => {
    const dist = await distributor();
    const before = await tree.getChildren(dist);
    const changed: unknown[] = [];
    const sub = tree.onDidChangeTreeData((node) => changed.push(node));
    await tree.loadMore(before.at(-1) as never);
    sub.dispose();
    expect(changed).toEqual([dist]);
    const after = await tree.getChildren(dist);
    expect(after).toHaveLength(11);
    expect(tree.getTreeItem(after.at(-1) as TreeNode).label).toMatch(/^Load more… \(10 of \d+\)$/);
    expect(after.slice(0, 5)).toEqual(before.slice(0, 5));
    expect(new Set(after.slice(0, 10).map((c) => (c as CustomerNode).customer.AccountNumber)).size).toBe(10);
  });

  it('filters customers through the API (customer ref, phone, address)', async () => {
    const world = sim.running.simulator.world;
    const target = world.customers.filter((c) => c.DistributorId === world.distributors[0]?.ID)[7];
    tree.setFilter('sim', { customerRef: target?.AccountNumber });
    const dist = await distributor();
    expect(tree.getTreeItem(dist).contextValue).toBe('carbontrack.distributor.filtered');
    const children = await tree.getChildren(dist);
    expect(children.map((c) => tree.getTreeItem(c).description)).toEqual([
      expect.stringContaining(target?.AccountNumber ?? '?'),
    ]);
    const suburb = (target?.Location ?? '').split(',')[1]?.trim().split(' ')[0] ?? '';
    tree.setFilter('sim', { address: suburb });
    const byAddress = (await tree.getChildren(dist)).filter((c) => c.kind === 'customer') as CustomerNode[];
    expect(byAddress.length).toBeGreaterThan(0);
    for (const c of byAddress) expect(c.customer.Location?.toLowerCase()).toContain(suburb.toLowerCase());
    tree.setFilter('sim', { phone: '0000000000000' });
    expect((await tree.getChildren(dist)).map((c) => tree.getTreeItem(c).label)).toEqual(['No customers match']);
    tree.setFilter('sim', undefined);
  });

  it('shows devices with their latest reading, details in the tooltip, offline ones apart', async () => {
    const world = sim.running.simulator.world;
    const offline = world.devices.find(
      (d) => d.offlineSinceMs !== null && d.distributorId === world.distributors[0]?.ID,
    );
    const online = world.devices.find(
      (d) => d.offlineSinceMs === null && d.solarKwp > 0 && d.distributorId === world.distributors[0]?.ID,
    );
    for (const [device, state] of [
      [offline, 'offline'],
      [online, 'online'],
    ] as const) {
      const customer = world.customers.find((c) => c.AccountNumber === device?.customerRef);
      const node: CustomerNode = { kind: 'customer', connection: sim.connection, customer: customer as never };
      const devices = (await tree.getChildren(node)) as DeviceNode[];
      const mine = devices.find((d) => d.deviceId === device?.id) as DeviceNode;
      const item = tree.getTreeItem(mine);
      expect(item.contextValue).toBe(`carbontrack.device.${state}`);
      const solar = (device?.solarKwp ?? 0) > 0 ? ' · \\d+(\\.\\d)? k?W solar' : '';
      // A name another device of the customer shares comes with the device's ID.
      const twin = devices.filter((d) => d.device.DeviceName === mine.device.DeviceName).length > 1;
      expect(mine.sharesName).toBe(twin);
      const id = twin ? `${mine.deviceId} · ` : '';
      expect(item.description).toMatch(new RegExp(`^${id}(offline · )?\\d+(\\.\\d)? k?W use${solar}$`));
      // The reading's time in the tooltip is local, with its offset and zone.
      // (The tooltip is Markdown: its punctuation comes escaped.)
      const tooltip = (item.tooltip as { value: string }).value.replace(/\\(.)/g, '$1');
      if (mine.reading)
        expect(tooltip).toMatch(
          new RegExp(`solar at \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2} \\(${mine.timeZone}\\)`),
        );
      if (state === 'offline') expect(item.description).toMatch(/^(\d{16} · )?offline · /);
      expect((item.tooltip as { value: string }).value).toContain(device?.id);
      expect(mine.reading?.usageW).toBeGreaterThanOrEqual(0);
    }
  });

  it('turns a failed sign-in into an error node and reports it', async () => {
    await sim.sessions.store.setPassword('sim', 'wrong');
    sim.sessions.reset('sim');
    tree.refresh();
    const [connection] = await tree.getChildren();
    const children = await tree.getChildren(connection);
    expect(children[0]?.kind).toBe('message');
    expect(tree.getTreeItem(children[0] as TreeNode).contextValue).toBe('carbontrack.error');
    expect(errors.at(-1)).toBeInstanceOf(AuthenticationError);
    await sim.sessions.store.setPassword('sim', 'demo');
    sim.sessions.reset('sim');
  });
});
