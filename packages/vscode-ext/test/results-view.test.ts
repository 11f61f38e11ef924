import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/query/ct-query.js';
import { runQuery } from '../src/query/query-runner.js';
import { writeResultParquet } from '../src/results/parquet-export.js';
import { tableToCsv, tableToJson, tableToMarkdown } from '../src/results/result-table.js';
import type { ResultsHostMessage, ResultsPageMessage } from '../src/webview/results-messages.js';
import { ResultsPanels } from '../src/webview/results-panel.js';
import { displayCell, visibleRows } from '../src/webview/virtual-rows.js';
import { scriptedWindow, startSimulator } from './helpers.js';
import { Uri } from './vscode-double.js';

describe('the results grid', () => {
  it('draws the rows in view and a few either side, whatever the scroll position', () => {
    expect(visibleRows(0, 220, 22, 100_000, 8)).toEqual({ first: 0, last: 18 });
    // Scrolled to row 10,000: rows 9,992 to 10,018.
    expect(visibleRows(220_000, 220, 22, 100_000, 8)).toEqual({ first: 9_992, last: 10_018 });
    expect(visibleRows(10_000_000, 220, 22, 100_000, 8).last).toBe(99_999);
    expect(visibleRows(0, 220, 22, 0)).toEqual({ first: 0, last: -1 });
    const format = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
    expect(displayCell(0.7916666666666666, format)).toBe('0.792');
    expect(displayCell(null, format)).toBe('');
    expect(displayCell('2026-11-25T00:00:00+11:00', format)).toBe('2026-11-25T00:00:00+11:00');
  });
});

describe('the results view', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let deviceId: string;
  beforeAll(async () => {
    sim = await startSimulator();
    deviceId = sim.running.simulator.world.devices.find((d) => d.offlineSinceMs === null)?.id as string;
  });
  afterAll(() => sim.close());

  it('shows the header and the table, reuses its panel, and exports in full precision what the query wrote', async () => {
    const parsed = parseQuery(
      `{"endpoint":"measurements","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-02-01","to":"2026-02-02"},"fields":["PowerUsage","Voltage"],"format":"csv"}`,
    );
    if ('problems' in parsed) throw new Error(parsed.problems[0]?.message);
    const result = await runQuery(await sim.sessions.client(sim.connection), parsed.query);
    // The table the view shows exports to the very text the query wrote.
    expect(tableToCsv(result.table)).toBe(result.content);
    expect(JSON.parse(tableToJson(result.table))[0]).toMatchObject({
      ID: expect.any(String),
      PowerUsage: expect.any(Number),
    });
    expect(tableToMarkdown(result.table, 2).split('\n')).toHaveLength(2 + 2 + 3);

    const folder = mkdtempSync(join(tmpdir(), 'ct-results-'));
    const posted: ResultsHostMessage[] = [];
    let receive: ((message: ResultsPageMessage) => unknown) | undefined;
    let created = 0;
    const panel = {
      webview: {
        cspSource: 'vscode-webview://x',
        asWebviewUri: (uri: Uri) => uri,
        html: '',
        postMessage: async (message: ResultsHostMessage) => posted.push(message),
        onDidReceiveMessage: (listener: (message: ResultsPageMessage) => unknown) => {
          receive = listener;
        },
      },
      reveal: () => {},
      onDidDispose: () => {},
      dispose: () => {},
    };
    const ui = scriptedWindow([
      Uri.file(join(folder, 'out.csv')),
      Uri.file(join(folder, 'out.json')),
      Uri.file(join(folder, 'out.parquet')),
    ]);
    const clipboard = {
      text: '',
      writeText: async (text: string) => {
        clipboard.text = text;
      },
    };
    const views = new ResultsPanels({
      window: ui.window,
      clipboard,
      webviewRoot: Uri.file('/ext/dist/webview') as never,
      writeParquet: writeResultParquet,
      createPanel: (() => {
        created++;
        return panel;
      }) as never,
    });
    const query = Uri.file('/q/day.ctquery');
    const header = {
      query: 'day.ctquery',
      endpoint: 'measurements',
      connection: 'Simulator',
      rows: result.rows,
      durationMs: 420,
    };
    views.show(query as never, { header, table: result.table, openText: () => {} });
    views.show(query as never, { header: { ...header, durationMs: 380 }, table: result.table, openText: () => {} });
    expect(created).toBe(1);
    expect(panel.webview.html).toContain("default-src 'none'");
    expect(panel.webview.html).not.toMatch(/connect-src/);
    expect(posted.at(-1)).toMatchObject({ type: 'result', header: { durationMs: 380, rows: 288, parquet: false } });
    // Without the records (a listing, buckets) Parquet is not offered, and asking says why.
    await receive?.({ type: 'export', format: 'parquet' });
    expect(posted.at(-1)).toMatchObject({
      type: 'status',
      error: true,
      text: expect.stringContaining('Parquet holds measurement records'),
    });

    await receive?.({ type: 'export', format: 'csv' });
    expect(readFileSync(join(folder, 'out.csv'), 'utf8')).toBe(result.content);
    await receive?.({ type: 'export', format: 'json' });
    expect(JSON.parse(readFileSync(join(folder, 'out.json'), 'utf8'))).toHaveLength(288);
    expect(ui.messages.at(-1)).toMatchObject({
      text: expect.stringContaining('Exported 288 rows'),
      items: ['Open', 'Reveal'],
    });
    // Parquet, with the CLI's writer: DuckDB reads back the same records.
    views.show(query as never, {
      header,
      table: result.table,
      openText: () => {},
      records: { series: result.series as never, fields: ['PowerUsage', 'Voltage'], timeZone: result.timeZone },
    });
    expect(posted.at(-1)).toMatchObject({ type: 'result', header: { parquet: true } });
    await receive?.({ type: 'export', format: 'parquet' });
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await db.runAndReadAll(
      `SELECT epoch_ms("time") AS t, PowerUsage, Voltage FROM read_parquet('${join(folder, 'out.parquet')}') ORDER BY t`,
    );
    const back = read.getRowObjects() as Array<{ t: bigint; PowerUsage: number; Voltage: number }>;
    expect(back).toHaveLength(288);
    const series = result.series as NonNullable<typeof result.series>;
    for (const k of [0, 100, 287]) {
      expect(Number(back[k]?.t)).toBe(series.time[k]);
      expect(back[k]?.PowerUsage).toBe(series.columns.PowerUsage[k]);
      expect(back[k]?.Voltage).toBe(series.columns.Voltage[k]);
    }
    await receive?.({ type: 'copy-markdown' });
    expect(clipboard.text.split('\n')[0]).toBe('| RecordDateTime | LocalTime | ID | PowerUsage (W) | Voltage (V) |');
  });
});
