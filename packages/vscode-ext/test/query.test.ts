import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cost, resample, summarize, toRows } from '@carbontrack/core/energy';
import { formatLocalIso, localTimeToInstant } from '@carbontrack/core/time-zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSeries } from '../src/measurements/measurement-rows.js';
import { locateProblem, parseQuery } from '../src/query/ct-query.js';
import { QueryCodeLensProvider } from '../src/query/query-codelens-provider.js';
import { runQueryCommand, validateQueryDocument } from '../src/query/query-command.js';
import { QueryResults } from '../src/query/query-results.js';
import { runQuery } from '../src/query/query-runner.js';
import { scriptedWindow, startSimulator } from './helpers.js';
import { recorded, TestDiagnosticCollection, TestDocument, Uri, workspace } from './vscode-double.js';

const require = createRequire(import.meta.url);

describe('.ctquery parsing', () => {
  it('accepts a measurements query and resolves "last"', () => {
    const parsed = parseQuery(
      '{"endpoint":"measurements","filters":{"deviceId":"1234567890123456"},"range":{"last":"24h"},"format":"csv"}',
      1_000_000_000_000,
    );
    expect(parsed).toEqual({
      query: {
        endpoint: 'measurements',
        filters: { deviceId: '1234567890123456' },
        range: { from: 1_000_000_000_000 - 86_400_000, to: 1_000_000_000_000, fromLocal: false, toLocal: false },
        fields: undefined,
        format: 'csv',
        limit: undefined,
        bucket: undefined,
        aggregate: undefined,
        timeZone: undefined,
        tariff: undefined,
      },
    });
  });

  it('reports problems with their paths and positions', () => {
    const text = '{\n  "endpoint": "meters",\n  "filters": { "colour": "red" },\n  "limit": 0\n}';
    const parsed = parseQuery(text);
    expect('problems' in parsed && parsed.problems.map((p) => p.path.join('.'))).toEqual([
      'endpoint',
      'filters.colour',
      'limit',
    ]);
    if (!('problems' in parsed)) return;
    const at = locateProblem(text, parsed.problems[1] as never);
    expect(text.slice(at.start, at.end)).toBe('"colour"');
    const syntax = parseQuery('{"endpoint": }');
    expect('problems' in syntax && syntax.problems[0]?.offset).toBe(13);
  });

  it('checks buckets, aggregates, zones and tariffs where they apply, each on its own property', () => {
    const problems = (text: string) => {
      const parsed = parseQuery(text);
      return 'problems' in parsed ? parsed.problems.map((p) => `${p.path.join('.')}: ${p.message}`) : [];
    };
    const device = '"filters":{"deviceId":"1234567890123456"},"range":{"from":"2026-02-01","to":"2026-02-02"}';
    expect(problems(`{"endpoint":"measurements",${device},"bucket":"week"}`)).toEqual([
      'bucket: "bucket" must be "hour", "day" or "month"',
    ]);
    expect(problems(`{"endpoint":"summary",${device},"bucket":"day"}`)).toEqual([
      'bucket: "bucket" applies to "measurements"',
    ]);
    expect(problems(`{"endpoint":"measurements",${device},"aggregate":"mean"}`)).toEqual([
      'aggregate: "aggregate" needs a "bucket"',
    ]);
    expect(problems(`{"endpoint":"measurements",${device},"bucket":"day","fields":["Temperature1"]}`)).toEqual([
      'fields: "Temperature1" is not a power field: use "aggregate": "mean" (or min, max, last)',
    ]);
    expect(
      problems(`{"endpoint":"measurements",${device},"bucket":"day","aggregate":"mean","fields":["Temperature1"]}`),
    ).toEqual([]);
    expect(problems(`{"endpoint":"summary",${device},"timeZone":"Sydney"}`)).toEqual([
      'timeZone: "timeZone" must be an IANA time zone such as "Australia/Sydney"',
    ]);
    expect(problems(`{"endpoint":"measurements",${device},"tariff":"t.json"}`)).toEqual([
      'tariff: "tariff" applies to "summary", or to "measurements" with a "bucket"',
    ]);
    // Dates without an offset are local; with one, instants.
    const parsed = parseQuery(
      `{"endpoint":"summary","filters":{"deviceId":"1234567890123456"},"range":{"from":"2026-02-01","to":"2026-02-02T06:00:00+10:00"}}`,
    );
    expect('query' in parsed && parsed.query.range).toEqual({
      from: Date.UTC(2026, 1, 1),
      to: Date.UTC(2026, 1, 1, 20),
      fromLocal: true,
      toLocal: false,
    });
  });

  it('needs a device and a range for measurements', () => {
    const parsed = parseQuery('{"endpoint":"measurements"}');
    expect('problems' in parsed && parsed.problems.map((p) => p.message)).toEqual([
      '"measurements" needs filters.deviceId',
      '"measurements" needs a "range"',
    ]);
  });
});

describe('query runner against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let deviceId: string;
  beforeAll(async () => {
    sim = await startSimulator();
    const world = sim.running.simulator.world;
    deviceId = world.devices.find((d) => d.distributorId === world.distributors[0]?.ID)?.id as string;
  });
  afterAll(() => sim.close());

  const run = async (text: string, baseDir?: string) => {
    const parsed = parseQuery(text);
    if ('problems' in parsed) throw new Error(parsed.problems[0]?.message);
    return runQuery(await sim.sessions.client(sim.connection), parsed.query, { baseDir });
  };
  /** Local midnight of a day in the device's own zone (the default for dates without an offset). */
  const localDay = (day: string, zone: string) => localTimeToInstant(Date.parse(`${day}T00:00:00Z`), zone);
  const zoneOf = (id: string) => sim.running.simulator.world.devices.find((d) => d.id === id)?.timeZone as string;

  it('lists customers through the API filters, with fields and limit', async () => {
    const result = await run(
      '{"endpoint":"customers","filters":{"address":"Fitzroy"},"fields":["AccountNumber","Location"],"limit":3}',
    );
    const rows = JSON.parse(result.content) as Array<{ AccountNumber: string; Location: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(3);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['AccountNumber', 'Location']);
      expect(row.Location).toContain('Fitzroy');
    }
  });

  it('writes measurements as CSV equal to core output, with selected fields', async () => {
    const result = await run(
      `{"endpoint":"measurements","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-02-01","to":"2026-02-02"},"fields":["PowerUsage","Generating"],"format":"csv"}`,
    );
    const client = await sim.sessions.client(sim.connection);
    // "2026-02-01" is the device's local midnight, not UTC's.
    const zone = zoneOf(deviceId);
    const from = localDay('2026-02-01', zone);
    const to = localDay('2026-02-02', zone);
    const series = await client.measurements({ deviceId, from, to }).collect();
    expect(result).toMatchObject({
      content: formatSeries([series], 'csv', ['PowerUsage', 'Generating'], { timeZone: zone }),
      language: 'csv',
      rows: 288,
    });
    expect(result.content.split('\n')[0]).toBe('RecordDateTime,LocalTime,ID,PowerUsage (W),Generating (W)');
  });

  it('summarizes with core energy maths, times local with their offsets, and the cost under a tariff', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ct-query-'));
    copyFileSync(require.resolve('@carbontrack/core/example-time-of-use.tariff.json'), join(folder, 'tou.json'));
    const result = await run(
      `{"endpoint":"summary","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-02-01","to":"2026-02-03"},"timeZone":"Australia/Perth","tariff":"tou.json"}`,
      folder,
    );
    const client = await sim.sessions.client(sim.connection);
    const zone = 'Australia/Perth';
    const period = { from: localDay('2026-02-01', zone), to: localDay('2026-02-03', zone) };
    const series = await client.measurements({ deviceId, ...period }).collect();
    const expected = summarize(series, { timeZone: zone, period });
    const out = JSON.parse(result.content);
    expect(out).toMatchObject({
      deviceId,
      timeZone: zone,
      periodFrom: '2026-02-01T00:00:00+08:00',
      periodTo: '2026-02-03T00:00:00+08:00',
      consumptionKWh: expected.consumptionKWh,
      coverage: expected.coverage,
      from: formatLocalIso(expected.from as number, zone),
      peakDemandTime: formatLocalIso(expected.peakDemandTime as number, zone),
    });
    const tariff = JSON.parse(readFileSync(join(folder, 'tou.json'), 'utf8'));
    expect(out.net).toBeCloseTo(cost(series, tariff, { timeZone: zone, period }).net, 12);
    expect(out.supply).toBeCloseTo(2 * 1.05, 12);
  });

  it("aggregates by local day as core's resample of the same records, with the cost of each day", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ct-query-'));
    copyFileSync(require.resolve('@carbontrack/core/example-time-of-use.tariff.json'), join(folder, 'tou.json'));
    // Sydney's clocks went back on 5 April 2026: that day has 25 hours.
    const zone = 'Australia/Sydney';
    const result = await run(
      `{"endpoint":"measurements","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-04-03","to":"2026-04-07"},"bucket":"day","timeZone":"${zone}","fields":["PowerUsage","Generating"],"tariff":"tou.json"}`,
      folder,
    );
    const client = await sim.sessions.client(sim.connection);
    const period = { from: localDay('2026-04-03', zone), to: localDay('2026-04-07', zone) };
    const series = await client.measurements({ deviceId, ...period }).collect();
    const daily = resample(series, 'day', { timeZone: zone, fields: ['PowerUsage', 'Generating'], period });
    const rows = JSON.parse(result.content);
    expect(result.rows).toBe(4);
    expect(rows.map((r: { start: string }) => r.start)).toEqual([
      '2026-04-03T00:00:00+11:00',
      '2026-04-04T00:00:00+11:00',
      '2026-04-05T00:00:00+11:00',
      '2026-04-06T00:00:00+10:00',
    ]);
    const expected = toRows(daily, { timeZone: zone });
    for (let k = 0; k < 4; k++) {
      expect(rows[k]).toMatchObject({ ...expected[k] });
      expect(rows[k].PowerUsage).toBe(daily.columns.PowerUsage[k]);
    }
    const tariff = JSON.parse(readFileSync(join(folder, 'tou.json'), 'utf8'));
    const bill = cost(series, tariff, { timeZone: zone, period, unit: 'day' });
    for (let k = 0; k < 4; k++) expect(rows[k].net).toBeCloseTo(bill.buckets?.net[k] as number, 12);
    expect(rows.reduce((sum: number, r: { net: number }) => sum + r.net, 0)).toBeCloseTo(bill.net, 9);

    // A mean of a non-power field, hourly, as CSV; the 25-hour day has 25 rows.
    const hourly = await run(
      `{"endpoint":"measurements","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-04-05","to":"2026-04-06"},"bucket":"hour","aggregate":"mean","timeZone":"${zone}","fields":["Voltage"],"format":"csv"}`,
    );
    expect(hourly.rows).toBe(25);
    expect(hourly.content.split('\n')[0]).toBe('start,end,coverage,Voltage');
  });

  it('names the tariff property when its file is missing or wrong', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ct-query-'));
    writeFileSync(join(folder, 'bad.json'), '{"name":"x","versions":[]}');
    const text = (file: string) =>
      `{"endpoint":"summary","filters":{"deviceId":"${deviceId}"},"range":{"last":"24h"},"tariff":"${file}"}`;
    await expect(run(text('bad.json'), folder)).rejects.toMatchObject({
      name: 'QueryPropertyError',
      path: ['tariff'],
      message: expect.stringMatching(/^"tariff": .*bad\.json: .*versions/),
    });
    await expect(run(text('nope.json'), folder)).rejects.toThrow(/cannot read .*nope\.json \(ENOENT\)/);
  });

  it("the command shows the result in the query file's read-only results document; errors become diagnostics", async () => {
    const diagnostics = new TestDiagnosticCollection();
    const results = new QueryResults();
    workspace.registerTextDocumentContentProvider(QueryResults.scheme, results);
    const statuses: string[] = [];
    const ui = scriptedWindow([]);
    const doc = new TestDocument(
      Uri.file('/q/devices.ctquery'),
      `{"endpoint":"devices","filters":{"deviceId":"${deviceId}"},"format":"csv"}`,
    );
    const deps = {
      sessions: sim.sessions,
      window: ui.window,
      workspace: {
        openTextDocument: async (arg: unknown) =>
          arg instanceof Uri && arg.scheme === 'file' ? doc : workspace.openTextDocument(arg as never),
      } as never,
      diagnostics: diagnostics as never,
      timeZone: () => 'Australia/Melbourne',
      noConnection: () => undefined,
      results,
      status: (text: string) => statuses.push(text),
    };
    sim.sessions.setActive('sim');
    const result = await runQueryCommand(deps, doc.uri as never);
    expect(result?.rows).toBe(1);
    expect(recorded.opened.at(-1)?.content).toContain(deviceId);
    // A read-only results document named after the query file, not an Untitled-N to save.
    expect(recorded.opened.at(-1)?.uri).toMatch(/^carbontrack-result:\/\/\/devices\.ctquery \(results\)\.csv\?/);
    expect(recorded.opened.at(-1)?.language).toBe('plaintext');
    expect(statuses.at(-1)).toMatch(/^carbonTRACK: devices\.ctquery on Simulator: 1 row in \d+\.\d s$/);
    expect(diagnostics.get(doc.uri)).toEqual([]);
    // Run again: the same document, its content replaced.
    const firstUri = recorded.opened.at(-1)?.uri;
    let refreshed = 0;
    results.onDidChange(() => refreshed++);
    await runQueryCommand(deps, doc.uri as never);
    expect(recorded.opened.at(-1)?.uri).toBe(firstUri);
    expect(refreshed).toBe(1);

    doc.setText('{\n  "endpoint": "devices",\n  "filters": { "deviceId": "9999999999999999" }\n}');
    await expect(runQueryCommand(deps, doc.uri as never)).rejects.toThrow(/^devices\.ctquery, line 3: .*not found/);
    expect(diagnostics.get(doc.uri)?.[0]?.message).toMatch(/^Query failed: .*not found/);
    // On the device ID, where the problem is, not at line 1, column 1.
    expect(diagnostics.get(doc.uri)?.[0]?.range.start).toEqual({ line: 2, character: 15 });

    doc.setText('{\n  "endpoint": "devices",\n  "format": "xml"\n}');
    validateQueryDocument(deps, doc as never);
    const [problem] = diagnostics.get(doc.uri) ?? [];
    expect(problem?.message).toBe('"format" must be "json" or "csv"');
    expect(problem?.range.start).toEqual({ line: 2, character: 2 });
  });

  it('has a CodeLens that names the connection it will run on, and follows a change of it', () => {
    const doc = new TestDocument(Uri.file('/q/a.ctquery'), '{}');
    const lenses = new QueryCodeLensProvider(sim.sessions);
    let changed = 0;
    lenses.onDidChangeCodeLenses(() => changed++);
    sim.sessions.setActive(sim.connection.id);
    const [lens] = lenses.provideCodeLenses(doc as never);
    expect(lens?.command).toMatchObject({
      title: `▶ Run on ${sim.connection.name}`,
      command: 'carbontrack.query.run',
      arguments: [doc.uri],
    });
    expect(changed).toBeGreaterThan(0);
    const [none] = new QueryCodeLensProvider({
      active: undefined,
      onDidChange: () => ({ dispose() {} }),
    }).provideCodeLenses(doc as never);
    expect(none?.command?.title).toBe('▶ Run query (no connection yet)');
    lenses.dispose();
  });
});
