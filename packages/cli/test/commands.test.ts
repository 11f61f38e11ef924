import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCarbonTrackClient } from '@carbontrack/core';
import { cost, summarize } from '@carbontrack/core/energy';
import { listen, type RunningSimulator } from '@carbontrack/simulator';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountEnv, CT_BIN, ctEnv, runCt, startCt } from './run-ct.js';

const SECRET = 'demo';
const COMMANDS = ['distributors', 'customers', 'devices', 'measurements', 'export', 'summary', 'probe', 'simulator'];

let sim: RunningSimulator;
let own: { id: string }[];
let foreign: string;
beforeAll(async () => {
  sim = await listen({ seed: 21 }, { port: 0 });
  const { world } = sim.simulator;
  const a = world.distributors[0]?.ID;
  own = world.devices.filter((d) => d.distributorId === a && d.offlineSinceMs === null);
  foreign = world.devices.find((d) => d.distributorId !== a)?.id as string;
});
afterAll(() => sim.close());

const client = () => createCarbonTrackClient({ baseUrl: sim.url, credentials: { username: 'demo', password: SECRET } });

describe('ct: help, usage errors and exit codes', () => {
  it('prints help for ct and every command, naming its flags, with exit code 0', async () => {
    const top = await runCt(['--help']);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) expect(top.stdout).toContain(command);
    expect(top.stdout).toContain('Exit codes: 0 ok, 1 usage error, 2 API error, 3 partial export');
    const helps = await Promise.all(COMMANDS.map((command) => runCt([command, '--help'])));
    for (const [i, help] of helps.entries()) {
      expect(help.code, COMMANDS[i]).toBe(0);
      expect(help.stdout).toContain(`Usage: ct ${COMMANDS[i]}`);
    }
    expect(helps[4]?.stdout).toContain('--resume');
    expect(helps[3]?.stdout).toContain('--tz <zone>');
  });

  it('refuses unknown flags, bad dates, a range backwards and a password on the command line, exit 1, one line', async () => {
    const device = own[0]?.id as string;
    const cases = [
      { args: ['devices', '--colour'], says: "unknown option '--colour'" },
      { args: ['teleport'], says: "unknown command 'teleport'" },
      {
        args: ['measurements', '--device', device, '--from', 'yesterday-ish', '--to', 'now'],
        says: "--from: 'yesterday-ish' is not a date",
      },
      {
        args: ['measurements', '--device', device, '--from', '2025-02-30', '--to', 'now'],
        says: "'2025-02-30' is not a date",
      },
      {
        args: ['measurements', '--device', device, '--from', '2025-01-12', '--to', '2025-01-10'],
        says: 'must be before --to',
      },
      { args: ['measurements', '--device', '123', '--from', '-1d', '--to', 'now'], says: 'not a 16-digit device ID' },
      {
        args: ['measurements', '--device', device, '--from', '-1d', '--to', 'now', '--format', 'xlsx'],
        says: '--format must be one of',
      },
      {
        args: ['measurements', '--device', device, '--from', '-1d', '--to', 'now', '--tz', 'Mars/Olympus'],
        says: 'not an IANA time zone',
      },
      { args: ['summary', '--device', device, '--period', 'fortnight'], says: '--period must be one of' },
      {
        args: ['export', '--from', '-1d', '--to', 'now', '--out', '/tmp/x'],
        says: 'exactly one of --distributor, --devices or --customer',
      },
      { args: ['distributors', '--password', SECRET], says: "unknown option '--password'" },
    ];
    const results = await Promise.all(cases.map((c) => runCt(c.args, accountEnv(sim.url))));
    for (const [i, result] of results.entries()) {
      expect(result.code, cases[i]?.args.join(' ')).toBe(1);
      expect(result.stderr).toContain(cases[i]?.says);
      expect(result.stdout).toBe('');
    }
  });

  it('says it uses the built-in simulator when no account is configured, and lists its data', async () => {
    const result = await runCt(['distributors', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('using the built-in simulator');
    const rows = JSON.parse(result.stdout) as { UserName: string }[];
    expect(rows.map((r) => r.UserName)).toEqual(['demo']);
  });

  it('a wrong password is exit 2 with what to do next, and the password appears nowhere', async () => {
    const wrong = 'not-the-Password-42';
    const result = await runCt(['devices'], accountEnv(sim.url, 'demo', wrong));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ct: .*\n {4}Check CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD/);
    expect(result.stderr + result.stdout).not.toContain(wrong);
  });

  it('an unreachable API is exit 2 naming the network, not a hang', async () => {
    const closed = await listen({}, { port: 0 });
    await closed.close();
    const result = await runCt(['distributors'], accountEnv(closed.url));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Check CARBONTRACK_BASE_URL');
  });
});

describe('ct against an account', () => {
  it('lists distributors, customers (filtered) and devices as tables and as JSON', async () => {
    const env = accountEnv(sim.url);
    const [table, json, customers, devicesOf] = await Promise.all([
      runCt(['devices', '--limit', '5'], env),
      runCt(['devices', '--json'], env),
      runCt(['customers', '--ref', 'CT-1000', '--json'], env),
      runCt(['customers', '--limit', '3'], env),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^DEVICE ID\s+NAME\s+CUSTOMER\s+REGISTERED\s+LAST DATA \(UTC\)$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(6);
    expect(table.stderr).toContain('the first 5 devices');
    const all = (await client().devices().collect()).map((d) => d.DeviceID);
    expect((JSON.parse(json.stdout) as { DeviceID: string }[]).map((d) => d.DeviceID)).toEqual(all);
    const refs = (JSON.parse(customers.stdout) as { AccountNumber: string }[]).map((c) => c.AccountNumber);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.startsWith('CT-1000')).toBe(true);
    expect(devicesOf.stdout.split('\n')[0]).toMatch(/^REFERENCE\s+NAME\s+DEVICES\s+ADDRESS$/);

    const ref = (await client().devices({ deviceId: own[0]?.id }).collect())[0]?.CustomerRef as string;
    const ofCustomer = await runCt(['devices', '--customer', ref, '--json'], env);
    const expected = (await client().devices({ customerReference: ref }).collect()).map((d) => d.DeviceID);
    expect((JSON.parse(ofCustomer.stdout) as { DeviceID: string }[]).map((d) => d.DeviceID)).toEqual(expected);
  });

  it('prints a customer name with control characters escaped, never as terminal commands', async () => {
    const hostile = await listen({ seed: 21, hostileFixtures: true }, { port: 0 });
    try {
      const result = await runCt(['customers', '--address', 'onerror'], accountEnv(hostile.url));
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('<img src=x onerror=alert(1)>');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking there are none
      expect(result.stdout).not.toMatch(/\u001b/);
    } finally {
      await hostile.close();
    }
  });

  it('caches tokens in a file only the user can read, without the password, and reuses them', async () => {
    const env = accountEnv(sim.url);
    sim.simulator.resetStats();
    expect((await runCt(['distributors'], env)).code).toBe(0);
    expect((await runCt(['distributors'], env)).code).toBe(0);
    expect(sim.simulator.stats.tokenRequests.password).toBe(1);
    const dir = join(env.XDG_CONFIG_HOME as string, 'carbontrack');
    const file = join(dir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('accessToken');
    expect(text).not.toContain(`"${SECRET}"`);
    expect(text).not.toContain(sim.url);
  });

  it('writes measurements as CSV, NDJSON and Parquet, each equal to core’s own parse', async () => {
    const device = own[1]?.id as string;
    const from = '2025-01-10T00:00:00Z';
    const to = '2025-01-11T06:00:00Z';
    const expected = await client().measurements({ deviceId: device, from, to }).collect();
    const env = accountEnv(sim.url);
    const csv = await runCt(
      ['measurements', '--device', device, '--from', from, '--to', to, '--fields', 'PowerUsage,Generating'],
      env,
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('time,local_time,device_id,id,PowerUsage,Generating');
    expect(lines.length - 1).toBe(expected.length);
    for (const [row, line] of lines.slice(1).entries()) {
      const cells = line.split(',');
      expect(Date.parse(cells[0] as string)).toBe(expected.time[row]);
      expect(Number(cells[4])).toBe(expected.columns.PowerUsage[row]);
    }
    const ndjson = await runCt(
      ['measurements', '--device', device, '--from', from, '--to', to, '--format', 'ndjson'],
      env,
    );
    const records = ndjson.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.Generating)).toEqual([...expected.columns.Generating]);

    const dir = mkdtempSync(join(tmpdir(), 'ct-m-'));
    const file = join(dir, 'one.parquet');
    const parquet = await runCt(
      ['measurements', '--device', device, '--from', from, '--to', to, '--format', 'parquet', '--out', file],
      env,
    );
    expect(parquet.code).toBe(0);
    expect(parquet.stderr).toContain(`${expected.length} records written to ${file}`);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (
      await db.runAndReadAll(`SELECT epoch_ms(time) AS t, PowerUsage FROM read_parquet('${file}') ORDER BY time`)
    ).getRowObjects();
    expect(rows.map((r) => Number(r.t))).toEqual([...expected.time]);
    expect(rows.map((r) => r.PowerUsage)).toEqual([...expected.columns.PowerUsage]);
    db.closeSync();
  });

  it('reads dates without an offset in the device’s zone, or in --tz', async () => {
    const device = own[2]?.id as string;
    const zone = sim.simulator.world.deviceById.get(device)?.timeZone as string;
    const env = accountEnv(sim.url);
    const local = await runCt(
      ['measurements', '--device', device, '--from', '2025-01-10', '--to', '2025-01-10T00:10', '--format', 'ndjson'],
      env,
    );
    expect(local.code).toBe(0);
    const first = JSON.parse(local.stdout.split('\n')[0] as string) as { time: string; local_time: string };
    expect(first.local_time.startsWith('2025-01-10T00:00:00')).toBe(true);
    expect(local.stderr).toContain(`${zone} (the device's zone)`);
    const utc = await runCt(
      [
        'measurements',
        '--device',
        device,
        '--from',
        '2025-01-10',
        '--to',
        '2025-01-10T00:10',
        '--tz',
        'UTC',
        '--format',
        'ndjson',
      ],
      env,
    );
    expect((JSON.parse(utc.stdout.split('\n')[0] as string) as { time: string }).time).toBe('2025-01-10T00:00:00.000Z');
  });

  it('a device of another distributor, or unknown, is exit 2 saying so; an unwritable --out is exit 1', async () => {
    const env = accountEnv(sim.url);
    const [theirs, missing] = await Promise.all([
      runCt(['summary', '--device', foreign, '--period', '7d'], env),
      runCt(['measurements', '--device', '8999999000000000', '--from', '-1d', '--to', 'now'], env),
    ]);
    expect(theirs.code).toBe(2);
    expect(theirs.stderr).toContain('`ct devices` lists');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/not found/i);
    // A path through a regular file cannot be created, whoever runs the test (root included).
    const file = join(mkdtempSync(join(tmpdir(), 'ct-ro-')), 'plain-file');
    writeFileSync(file, 'x');
    const [measurements, exported] = await Promise.all([
      runCt(
        [
          'measurements',
          '--device',
          own[0]?.id as string,
          '--from',
          '-1h',
          '--to',
          'now',
          '--out',
          join(file, 'x.csv'),
        ],
        env,
      ),
      runCt(
        ['export', '--devices', own[0]?.id as string, '--from', '-1d', '--to', 'now', '--out', join(file, 'out')],
        env,
      ),
    ]);
    expect(measurements.code).toBe(1);
    expect(measurements.stderr).toContain('--out: cannot write');
    expect(measurements.stderr).toContain('a file stands where a folder should be');
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/--out: cannot create .*ENOTDIR/);
  });

  it('ct summary prints core’s summary as a table and as JSON', async () => {
    const device = own[3]?.id as string;
    const env = accountEnv(sim.url);
    const [table, json] = await Promise.all([
      runCt(['summary', '--device', device, '--period', '7d'], env),
      runCt(['summary', '--device', device, '--period', '7d', '--json'], env),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^METRIC\s+VALUE\s+UNIT\n/);
    expect(table.stdout).toMatch(/Consumption\s+\d+\.\d\d\s+kWh/);
    const summary = JSON.parse(json.stdout) as {
      periodFrom: string;
      periodTo: string;
      consumptionKWh: number;
      timeZone: string;
    };
    const series = await client()
      .measurements({ deviceId: device, from: summary.periodFrom, to: summary.periodTo })
      .collect();
    expect(summary.consumptionKWh).toBeCloseTo(summarize(series, { timeZone: summary.timeZone }).consumptionKWh, 9);
    expect(table.stdout).toContain(`${summary.consumptionKWh.toFixed(2)}  kWh`);
  });

  it('ct summary --tariff adds what the period cost, as core’s cost() says; --compare adds signed deltas', async () => {
    const device = own[4]?.id as string;
    const tariffFile = fileURLToPath(new URL('../../core/schemas/example-time-of-use.tariff.json', import.meta.url));
    const env = accountEnv(sim.url);
    const [json, table] = await Promise.all([
      runCt(
        ['summary', '--device', device, '--period', '7d', '--tariff', tariffFile, '--compare', 'previous', '--json'],
        env,
      ),
      runCt(['summary', '--device', device, '--period', '7d', '--tariff', tariffFile, '--compare', 'year'], env),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as {
      periodFrom: string;
      periodTo: string;
      timeZone: string;
      coverage: number;
      cost: { net: number; importCost: number; supply: number; currency: string };
      comparison: { with: string; consumptionKWh: { change: number } };
    };
    const series = await client().measurements({ deviceId: device, from: out.periodFrom, to: out.periodTo }).collect();
    const tariff = JSON.parse(readFileSync(tariffFile, 'utf8'));
    const period = { from: Date.parse(out.periodFrom), to: Date.parse(out.periodTo) };
    const expected = cost(series, tariff, { timeZone: out.timeZone, period });
    // Seven days of supply, pro rata, not the eight local days they touch.
    expect(out.cost.supply).toBeCloseTo(expected.supply, 9);
    expect(expected.supply).toBeLessThan(7.9 * 1.12);
    expect(out.cost.net).toBeCloseTo(expected.net, 9);
    expect(out.cost.currency).toBe('AUD');
    expect(out.comparison.with).toBe('previous');
    expect(out.coverage).toBeGreaterThan(0.99);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^METRIC\s+VALUE\s+UNIT\s+VS A YEAR EARLIER$/m);
    expect(table.stdout).toMatch(/Consumption\s+[\d.]+\s+kWh\s+[+−][\d.]+/);
    expect(table.stdout).toMatch(/Net cost\s+[\d.]+\s+AUD/);
  });

  it('ct summary refuses a tariff that fails its checks, naming the path in it, exit 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ct-tariff-')), 'gap.json');
    const window = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], from: '00:00', to: '24:00' };
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Example with a gap',
        versions: [
          {
            validFrom: '2020-01-01',
            supplyPerDay: 1,
            import: { timeOfUse: [{ name: 'a', price: 0.2, windows: [window] }] },
          },
        ],
      }),
    );
    const result = await runCt(['summary', '--device', own[0]?.id as string, '--tariff', file], accountEnv(sim.url));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('versions[0].import.timeOfUse: leaves sun 00:00 in month 1 without a price');
    const notJson = await runCt(
      ['summary', '--device', own[0]?.id as string, '--tariff', '/etc/hostname'],
      accountEnv(sim.url),
    );
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('cannot read /etc/hostname as JSON');
  });

  it('ct simulator serves until Ctrl-C, and ct talks to it', async () => {
    const server = startCt(['simulator', '--port', '0', '--devices', '30']);
    const url = await new Promise<string>((resolve) => {
      server.child.stdout?.on('data', (chunk: Buffer) => {
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk.toString());
        if (match) resolve(match[0]);
      });
    });
    const devices = await runCt(['devices', '--json'], accountEnv(url));
    expect(JSON.parse(devices.stdout)).toHaveLength(20);
    server.child.kill('SIGINT');
    const ended = await server.done;
    expect(ended.code).toBe(0);
  });
});

describe('ct asks for credentials on a terminal', () => {
  it('prompts for the user name and a hidden password in a pseudo-terminal, then works', async () => {
    const env = ctEnv({ CARBONTRACK_BASE_URL: sim.url });
    // util-linux `script` runs ct on a pseudo-terminal; what we write is what a person types.
    const child = spawn(
      'script',
      ['-q', '-e', '-c', `${process.execPath} ${CT_BIN} distributors --json`, '/dev/null'],
      {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
    });
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (screen.includes(text)) {
            child.stdout.off('data', check);
            resolve();
          }
        };
        child.stdout.on('data', check);
        check();
      });
    await seen('carbonTRACK user name: ');
    child.stdin.write('demo\r');
    await seen('Password for demo: ');
    const typed = 'demo';
    child.stdin.write(`${typed}\r`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, screen).toBe(0);
    const afterPrompt = screen.slice(screen.indexOf('Password for demo: ') + 'Password for demo: '.length);
    expect(afterPrompt, screen).toContain('"UserName": "demo"');
    // The password was not echoed: nothing between the prompt and the JSON but the newline.
    expect(afterPrompt.slice(0, afterPrompt.indexOf('['))).not.toContain(typed);
  });

  it('draws the export progress as a bar with rate and ETA on a terminal', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ct-bar-')), 'out');
    const ids = own
      .slice(0, 3)
      .map((d) => d.id)
      .join(',');
    const command = `${process.execPath} ${CT_BIN} export --devices ${ids} --from 2025-01-01 --to 2025-01-08 --out ${out}`;
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      env: accountEnv(sim.url),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, screen).toBe(0);
    // Redrawn in place: a carriage return, the bar, the counts, the rate and the ETA.
    expect(screen).toMatch(/\r\[#*-*\] \d+\/21 device-days \(\d+ %\) · [\d,]+ records · [\d.]+ device-days\/s · ETA /);
    expect(screen).toContain('[########################] 21/21 device-days (100 %)');
    expect(screen).toContain('export complete: 21 of 21 device-days');
  });

  it('without a terminal, a missing password is exit 1 naming the variables to set', async () => {
    const result = await runCt(
      ['distributors'],
      ctEnv({ CARBONTRACK_BASE_URL: sim.url, CARBONTRACK_USERNAME: 'demo' }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Set CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD');
  });
});

describe('ct probe, run as a person runs it', () => {
  it('reports no difference against the default simulator, and the .NET number forms against dotnet, with no secret in it', async () => {
    const dialects = [
      { options: { numberFormat: 'docs' as const }, differs: null },
      { options: { numberFormat: 'dotnet' as const }, differs: /\.NET's #\.## prints them/ },
    ];
    for (const { options, differs } of dialects) {
      const server = await listen({ seed: 21, ...options }, { port: 0 });
      try {
        const env = accountEnv(server.url, 'demo2', 'demo2');
        const [markdown, json] = [await runCt(['probe'], env), await runCt(['probe', '--json'], env)];
        expect(markdown.code, markdown.stderr).toBe(0);
        expect(json.code).toBe(0);
        const report = JSON.parse(json.stdout) as {
          differences: string[];
          requestCount: number;
          power: { verdict: string };
        };
        expect(report.power.verdict).toBe('W');
        expect(report.requestCount).toBeLessThanOrEqual(60);
        if (differs) {
          expect(report.differences.some((d) => differs.test(d))).toBe(true);
          expect(markdown.stdout).toMatch(differs);
        } else {
          expect(report.differences).toEqual([]);
          expect(markdown.stdout).toContain('None found in what could be checked.');
        }
        const b = server.simulator.world.distributors[1]?.ID;
        const personal = server.simulator.world.customers
          .filter((c) => c.DistributorId === b)
          .flatMap((c) => [c.Email, c.Mobile, c.Location, `${c.FirstName} ${c.LastName}`]);
        for (const text of [markdown.stdout, json.stdout]) {
          for (const value of personal) expect(text).not.toContain(value);
          expect(text).not.toMatch(/"demo2"|demo2@|password=/);
        }
      } finally {
        await server.close();
      }
    }
  });
});
