import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, createSeries, MEASUREMENT_FIELD_NAMES, NetworkError } from '@carbontrack/core';
import { cost, shiftLocalTime, summarize } from '@carbontrack/core/energy';
import { localTimeToInstant } from '@carbontrack/core/time-zone';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { offerConnection } from '../src/connections/offer-connection.js';
import { ErrorReporter } from '../src/connections/report-error.js';
import { activate, type CarbonTrackApi } from '../src/extension.js';
import { formatSeries } from '../src/measurements/measurement-rows.js';
import { parseQuery } from '../src/query/ct-query.js';
import { runQuery } from '../src/query/query-runner.js';
import type { DeviceNode, TreeNode } from '../src/tree/tree-nodes.js';
import { seriesFromMessage } from '../src/webview/measurements-page.js';
import { earlierPeriod, MeasurementsPanels, toSeriesMessage } from '../src/webview/measurements-panel.js';
import { renderPanelHtml } from '../src/webview/panel-html.js';
import { deviceNode, scriptedWindow, startSimulator } from './helpers.js';
import { recorded, TestSecrets, Uri } from './vscode-double.js';

const require = createRequire(import.meta.url);

describe('activate() in the vscode double', () => {
  const context = {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    secrets: new TestSecrets(),
    extensionUri: Uri.file('/ext'),
  };
  let api: CarbonTrackApi;
  afterAll(async () => {
    for (const s of context.subscriptions) await s.dispose();
  });

  it('registers every contributed command', async () => {
    api = activate(context as never);
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect([...recorded.commands.keys()].sort()).toEqual(contributed);
    expect(recorded.treeViews.has('carbontrack.explorer')).toBe(true);
  });

  it('"Start Local Simulator" adds a connection whose customers show in the tree', async () => {
    const connection = (await recorded.commands.get('carbontrack.simulator.start')?.()) as { baseUrl: string };
    expect(connection.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(recorded.settings.get('carbontrack.connections')).toBeUndefined();
    const [root] = await api.tree.getChildren();
    const [distributor] = await api.tree.getChildren(root);
    const customers = await api.tree.getChildren(distributor as TreeNode);
    expect(customers).toHaveLength(26);
    expect(api.firstPageMs()).toBeGreaterThan(0);
    expect(api.sessions.active?.name).toBe('Local simulator');
  });

  it('"New Query for this Device/Customer" opens a prefilled query that parses and runs as written', async () => {
    const [root] = await api.tree.getChildren();
    const [distributor] = await api.tree.getChildren(root);
    const customer = (await api.tree.getChildren(distributor as TreeNode)).find(
      (n) => n.kind === 'customer',
    ) as TreeNode;
    const deviceNode = (await api.tree.getChildren(customer)).find((n) => n.kind === 'device') as DeviceNode;
    await recorded.commands.get('carbontrack.query.newForDevice')?.(deviceNode);
    const opened = recorded.opened.at(-1);
    expect(opened?.language).toBe('ctquery');
    const parsed = parseQuery(opened?.content ?? '');
    expect('query' in parsed && parsed.query).toMatchObject({
      endpoint: 'measurements',
      filters: { deviceId: deviceNode.deviceId },
      bucket: 'day',
    });
    const client = await api.sessions.client(api.sessions.active as never);
    const result = await runQuery(client, (parsed as { query: never }).query);
    expect(result.rows).toBeGreaterThanOrEqual(7);
    await recorded.commands.get('carbontrack.query.newForCustomer')?.(customer);
    const forCustomer = parseQuery(recorded.opened.at(-1)?.content ?? '');
    expect('query' in forCustomer && forCustomer.query.endpoint).toBe('devices');
    const devices = JSON.parse((await runQuery(client, (forCustomer as { query: never }).query)).content);
    expect(devices.map((d: { DeviceID: string }) => d.DeviceID)).toContain(deviceNode.deviceId);
  });
});

describe('error notifications', () => {
  const connection = { id: 'c', name: 'Prod', baseUrl: 'https://x', username: 'u' };

  it('offers to re-enter the password after an authentication error', async () => {
    const ui = scriptedWindow(['Re-enter Password']);
    const calls: unknown[] = [];
    const reporter = new ErrorReporter(ui.window, {
      reenterPassword: (c) => calls.push(c),
      retry: () => calls.push('retry'),
    });
    await reporter.report(new AuthenticationError('invalid_grant'), connection);
    expect(ui.messages[0]).toMatchObject({ level: 'error', items: ['Re-enter Password'] });
    expect(calls).toEqual([connection]);
  });

  it('offers a retry after a network error, and shows a repeat once', async () => {
    const ui = scriptedWindow(['Retry']);
    const calls: unknown[] = [];
    const reporter = new ErrorReporter(ui.window, { reenterPassword: () => {}, retry: () => calls.push('retry') });
    await reporter.report(new NetworkError('fetch failed'), connection);
    await reporter.report(new NetworkError('fetch failed'), connection);
    expect(ui.messages).toHaveLength(1);
    expect(ui.messages[0]?.items).toEqual(['Retry']);
    expect(calls).toEqual(['retry']);
  });

  it("shows a dead connection's failure once, however much later it repeats, until its state changes", async () => {
    const ui = scriptedWindow([undefined, undefined, undefined]);
    const reporter = new ErrorReporter(ui.window, { reenterPassword: () => {}, retry: () => {} });
    const clock = vi.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(1_000_000);
      await reporter.report(new NetworkError('connect ECONNREFUSED'), connection);
      // Dismissed; a minute later the tree refreshes and fails the same way: nothing new to say.
      clock.mockReturnValue(1_060_000);
      await reporter.report(new NetworkError('connect ECONNREFUSED'), connection);
      expect(ui.messages).toHaveLength(1);
      // It connected again and then failed: that is news.
      reporter.forget(connection.id);
      clock.mockReturnValue(1_120_000);
      await reporter.report(new NetworkError('connect ECONNREFUSED'), connection);
      expect(ui.messages).toHaveLength(2);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('without a connection', () => {
  it('Search Customers (or a query) says what a connection is needed for and offers the two ways to get one', async () => {
    const ran: string[] = [];
    const ui = scriptedWindow(['Start Local Simulator', 'Add Connection', undefined]);
    expect(await offerConnection(ui.window, (c) => ran.push(c), 'search customers on')).toBe(
      'carbontrack.simulator.start',
    );
    expect(ui.messages[0]).toMatchObject({
      text: 'carbonTRACK: no connection to search customers on.',
      items: ['Start Local Simulator', 'Add Connection'],
    });
    expect(await offerConnection(ui.window, (c) => ran.push(c), 'run the query with')).toBe(
      'carbontrack.connections.add',
    );
    expect(await offerConnection(ui.window, (c) => ran.push(c), 'run the query with')).toBeUndefined();
    expect(ran).toEqual(['carbontrack.simulator.start', 'carbontrack.connections.add']);
  });
});

describe('measurements webview page', () => {
  it('has a strict CSP with a nonce and no network source', () => {
    const html = renderPanelHtml({
      cspSource: 'vscode-webview://x',
      nonce: 'abc123',
      widgetsUri: 'vscode-webview://x/ct-widgets.js',
      pageScriptUri: 'vscode-webview://x/measurements-page.js',
      title: '<b>Shed</b>',
    });
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc123'");
    expect(csp).not.toMatch(/connect-src|unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(html.match(/<script/g)?.length).toBe(html.match(/<script[^>]*nonce="abc123"/g)?.length);
    expect(html).toContain('&lt;b&gt;Shed&lt;/b&gt;');
    expect(html).toContain('<ct-usage-chart');
    expect(html).toContain('<ct-energy-summary');
    // The page's script is a bundled, type-checked module, not inline code.
    expect(html).toContain(
      '<script type="module" nonce="abc123" src="vscode-webview://x/measurements-page.js"></script>',
    );
    expect(html).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
    // Only custom properties the widgets document.
    const used = [...html.matchAll(/(--ct-[a-z-]+):/g)].map((m) => m[1]);
    const manifest = JSON.parse(readFileSync(require.resolve('@carbontrack/widgets/custom-elements.json'), 'utf8'));
    const documented = new Set(
      manifest.modules.flatMap((m: { declarations?: { cssProperties?: { name: string }[] }[] }) =>
        (m.declarations ?? []).flatMap((d) => (d.cssProperties ?? []).map((p) => p.name)),
      ),
    );
    expect(used.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('rebuilds the posted series with core (NaN for null, every field present)', () => {
    const message = toSeriesMessage(
      createSeries({ time: [1, 2], ids: ['a', 'b'], deviceId: '1', columns: { PowerUsage: [5, Number.NaN] } }),
    );
    const series = seriesFromMessage(JSON.parse(JSON.stringify(message)));
    expect(series.length).toBe(2);
    expect(Array.from(series.columns.PowerUsage)).toEqual([5, Number.NaN]);
    expect(Object.keys(series.columns)).toHaveLength(34);
    expect(series.ids).toEqual(['a', 'b']);
  });

  it('posts series as plain arrays with null for unusable values', () => {
    const series = {
      deviceId: '1',
      length: 2,
      time: Float64Array.of(1, 2),
      ids: ['a', 'b'],
      columns: {
        ...Object.fromEntries(MEASUREMENT_FIELD_NAMES.map((name) => [name, new Float64Array(2)])),
        PowerUsage: Float64Array.of(5, Number.NaN),
      },
      issues: [],
    };
    const message = toSeriesMessage(series as never);
    expect(message.time).toEqual([1, 2]);
    expect(message.columns.PowerUsage).toEqual([5, null]);
    expect(Object.keys(message.columns)).toHaveLength(34);
  });

  it('posts the earlier period and the checked carbontrack.tariffFile tariff for the summary, or the problem', async () => {
    const sim = await startSimulator();
    const folder = mkdtempSync(join(tmpdir(), 'ct-tariff-'));
    try {
      const example = readFileSync(require.resolve('@carbontrack/core/example-time-of-use.tariff.json'), 'utf8');
      writeFileSync(join(folder, 'tariff.json'), example);
      const broken = JSON.parse(example);
      broken.versions[0].import.timeOfUse[0].windows[0].to = '22:00';
      writeFileSync(join(folder, 'overlapping.json'), JSON.stringify(broken));
      const node = await deviceNode(sim);
      const settings = {
        tariffFile: 'tariff.json',
        comparison: 'previous' as 'previous' | 'year' | 'none',
        workspaceFolder: folder,
      };
      const panels = new MeasurementsPanels(
        sim.sessions,
        Uri.file('/x') as never,
        false,
        () => 'Australia/Sydney',
        () => settings,
      );
      const message = await panels.load(node, '7d');
      expect(message.to - message.from).toBe(7 * 86_400_000);
      expect(message.earlier).toMatchObject({
        kind: 'previous',
        from: message.from - 7 * 86_400_000,
        to: message.from,
      });
      expect(message.earlier?.series.time.length).toBeGreaterThan(1900);
      expect(message.tariff?.name).toContain('an example');
      expect(message.tariffError).toBeNull();
      // What the page's summary prices is what core prices from the same records.
      const series = seriesFromMessage(JSON.parse(JSON.stringify(message.series)));
      const direct = await (await sim.sessions.client(sim.connection))
        .measurements({ deviceId: node.deviceId, from: message.from, to: message.to })
        .collect();
      expect(cost(series, message.tariff as never, { timeZone: 'Australia/Sydney' }).net).toBeCloseTo(
        cost(direct, message.tariff as never, { timeZone: 'Australia/Sydney' }).net,
        9,
      );
      expect(summarize(series).consumptionKWh).toBeCloseTo(summarize(direct).consumptionKWh, 9);

      // Today compares with yesterday up to the same time; last month with the month before, whole.
      const today = await panels.load(node, 'today');
      expect(today.earlier?.from).toBe(shiftLocalTime(today.from, { days: -1 }, 'Australia/Sydney'));
      expect(today.earlier?.to).toBe(shiftLocalTime(today.to, { days: -1 }, 'Australia/Sydney'));
      expect(today.label).toBe('today (Australia/Sydney)');
      const lastMonth = await panels.load(node, 'lastMonth');
      expect(lastMonth.earlier).toMatchObject({
        from: shiftLocalTime(lastMonth.from, { months: -1 }, 'Australia/Sydney'),
        to: lastMonth.from,
      });
      expect(earlierPeriod('24h', { from: 10, to: 20 }, 'previous', 'UTC')).toEqual({ from: 0, to: 10 });

      settings.tariffFile = 'overlapping.json';
      settings.comparison = 'none';
      const bad = await panels.load(node, '24h');
      expect(bad.earlier).toBeNull();
      expect(bad.tariff).toBeNull();
      expect(bad.tariffError).toMatch(
        /^carbontrack\.tariffFile: .*overlapping\.json: .*versions\[0\]\.import\.timeOfUse/,
      );
      settings.tariffFile = 'missing.json';
      expect((await panels.load(node, '24h')).tariffError).toMatch(/cannot read .*missing\.json \(ENOENT\)/);
      settings.tariffFile = '';
      expect((await panels.load(node, '24h')).tariffError).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('"Custom…" asks for local dates and shows them; "Export…" writes the range shown, with local times', async () => {
    const sim = await startSimulator();
    const folder = mkdtempSync(join(tmpdir(), 'ct-panel-'));
    try {
      const node = await deviceNode(sim);
      const zone = 'Australia/Sydney';
      const ui = scriptedWindow(['2026-02-01', '2026-02-03', 'CSV', Uri.file(join(folder, 'panel.csv'))]);
      const panels = new MeasurementsPanels(
        sim.sessions,
        Uri.file('/x') as never,
        false,
        () => zone,
        () => ({ tariffFile: '', comparison: 'none', workspaceFolder: undefined }),
        { window: ui.window },
      );
      const custom = await panels.respond(node, { type: 'range', range: 'custom' });
      const day = (d: string) => localTimeToInstant(Date.parse(`${d}T00:00:00Z`), zone);
      expect(custom).toMatchObject({ type: 'series', from: day('2026-02-01'), to: day('2026-02-03') });
      expect(ui.inputs[0]?.title).toBe(`From (inclusive, local midnight in ${zone})`);
      const exported = await panels.respond(node, { type: 'export' });
      expect(exported).toMatchObject({ type: 'status', text: expect.stringContaining('Exported 576 rows') });
      const series = await (await sim.sessions.client(sim.connection))
        .measurements({ deviceId: node.deviceId, from: day('2026-02-01'), to: day('2026-02-03') })
        .collect();
      expect(readFileSync(join(folder, 'panel.csv'), 'utf8')).toBe(
        formatSeries([series], 'csv', undefined, { timeZone: zone }),
      );
      // A dismissed prompt leaves the range as it was, and says so.
      const none = scriptedWindow([undefined]);
      const quiet = new MeasurementsPanels(sim.sessions, Uri.file('/x') as never, false, () => zone, undefined, {
        window: none.window,
      });
      expect(await quiet.respond(node, { type: 'range', range: 'custom' })).toMatchObject({ type: 'status' });
    } finally {
      await sim.close();
    }
  });

  it('posts the carbontrack.timeZone setting with the series, else the device zone', async () => {
    const sim = await startSimulator();
    try {
      const deviceId = sim.running.simulator.world.devices[0]?.id as string;
      const node = await deviceNode(sim, deviceId);
      const panels = new MeasurementsPanels(
        sim.sessions,
        Uri.file('/ext/dist/webview') as never,
        false,
        () => 'Australia/Perth',
      );
      const message = await panels.load(node, '24h');
      expect(message).toMatchObject({ type: 'series', range: '24h', timeZone: 'Australia/Perth' });
      expect(message.series.time.length).toBeGreaterThan(0);
      // With the setting empty, the device's own zone (its city's), never the host's.
      const deviceZone = sim.running.simulator.world.devices[0]?.timeZone;
      const byDevice = new MeasurementsPanels(sim.sessions, Uri.file('/ext/dist/webview') as never, false, () => '');
      expect(await byDevice.load(node, '24h')).toMatchObject({ timeZone: deviceZone });
    } finally {
      await sim.close();
    }
  });
});
