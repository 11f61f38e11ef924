import { summarize } from '@carbontrack/core/energy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSeries } from '../src/measurements/measurement-rows.js';
import { locateProblem, parseQuery } from '../src/query/ct-query.js';
import { QueryCodeLensProvider } from '../src/query/query-codelens-provider.js';
import { runQueryCommand, validateQueryDocument } from '../src/query/query-command.js';
import { runQuery } from '../src/query/query-runner.js';
import { scriptedWindow, startSimulator } from './helpers.js';
import { recorded, TestDiagnosticCollection, TestDocument, Uri, workspace } from './vscode-double.js';

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
        range: { from: 1_000_000_000_000 - 86_400_000, to: 1_000_000_000_000 },
        fields: undefined,
        format: 'csv',
        limit: undefined,
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

  const run = async (text: string) => {
    const parsed = parseQuery(text);
    if ('problems' in parsed) throw new Error(parsed.problems[0]?.message);
    return runQuery(await sim.sessions.client(sim.connection), parsed.query);
  };

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
    const series = await client.measurements({ deviceId, from: '2026-02-01', to: '2026-02-02' }).collect();
    expect(result).toEqual({
      content: formatSeries([series], 'csv', ['PowerUsage', 'Generating']),
      language: 'csv',
      rows: 288,
    });
    expect(result.content.split('\n')[0]).toBe('RecordDateTime,ID,PowerUsage,Generating');
  });

  it('summarizes with core energy maths', async () => {
    const result = await run(
      `{"endpoint":"summary","filters":{"deviceId":"${deviceId}"},"range":{"from":"2026-02-01","to":"2026-02-03"}}`,
    );
    const client = await sim.sessions.client(sim.connection);
    const series = await client.measurements({ deviceId, from: '2026-02-01', to: '2026-02-03' }).collect();
    expect(JSON.parse(result.content)).toEqual(JSON.parse(JSON.stringify({ deviceId, ...summarize(series) })));
  });

  it('the command opens the result in a new editor; errors become diagnostics', async () => {
    const diagnostics = new TestDiagnosticCollection();
    const ui = scriptedWindow([]);
    const doc = new TestDocument(
      Uri.file('/q/devices.ctquery'),
      `{"endpoint":"devices","filters":{"deviceId":"${deviceId}"},"format":"csv"}`,
    );
    const deps = {
      sessions: sim.sessions,
      window: ui.window,
      workspace: {
        openTextDocument: async (arg: unknown) => (arg instanceof Uri ? doc : workspace.openTextDocument(arg as never)),
      } as never,
      diagnostics: diagnostics as never,
      timeZone: () => 'Australia/Melbourne',
      noConnection: () => undefined,
    };
    sim.sessions.setActive('sim');
    const result = await runQueryCommand(deps, doc.uri as never);
    expect(result?.rows).toBe(1);
    expect(recorded.opened.at(-1)?.content).toContain(deviceId);
    expect(recorded.opened.at(-1)?.language).toBe('plaintext');
    expect(diagnostics.get(doc.uri)).toEqual([]);

    doc.setText('{\n  "endpoint": "devices",\n  "filters": { "deviceId": "9999999999999999" }\n}');
    await expect(runQueryCommand(deps, doc.uri as never)).rejects.toThrow(/not found/);
    expect(diagnostics.get(doc.uri)?.[0]?.message).toMatch(/^Query failed: .*not found/);

    doc.setText('{\n  "endpoint": "devices",\n  "format": "xml"\n}');
    validateQueryDocument(deps, doc as never);
    const [problem] = diagnostics.get(doc.uri) ?? [];
    expect(problem?.message).toBe('"format" must be "json" or "csv"');
    expect(problem?.range.start).toEqual({ line: 2, character: 2 });
  });

  it('has a "Run query" CodeLens', () => {
    const doc = new TestDocument(Uri.file('/q/a.ctquery'), '{}');
    const [lens] = new QueryCodeLensProvider().provideCodeLenses(doc as never);
    expect(lens?.command).toMatchObject({
      title: '▶ Run query',
      command: 'carbontrack.query.run',
      arguments: [doc.uri],
    });
  });
});
