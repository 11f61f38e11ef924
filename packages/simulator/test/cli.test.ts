// The curl walk-through: the built CLI, driven by the real curl binary. Needs `build` first (turbo
// runs it before `test`).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertContract } from './helpers/contract-client.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);
const DAY = 86_400_000;

/** Runs curl and returns the status and parsed JSON body, checked against the OpenAPI description. */
// biome-ignore lint/suspicious/noExplicitAny: the walk-through reads arbitrary fields of the JSON bodies.
async function curl(method: 'GET' | 'POST', url: string, args: string[]): Promise<{ status: number; body: any }> {
  const { stdout } = await run('/usr/bin/curl', ['-sS', '-X', method, '-w', '\n%{http_code}', ...args, url]);
  const cut = stdout.lastIndexOf('\n');
  const status = Number(stdout.slice(cut + 1));
  const body = JSON.parse(stdout.slice(0, cut));
  assertContract(method, new URL(url).pathname, status, body);
  return { status, body };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, stdout })));
}

describe('CLI', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the build first`);
  });

  describe('curl walk-through', () => {
    let child: ChildProcess;
    let exited: ReturnType<typeof exitOf>;
    let url: string;

    beforeAll(async () => {
      child = spawn(process.execPath, [CLI, '--port', '0', '--seed', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
      exited = exitOf(child);
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (chunk) => {
          out += chunk;
          const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1] && out.includes('demo2')) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`CLI exited early: ${out}`)));
      });
    });
    afterAll(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    it('prints the base URL with the real port and the demo credentials', () => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    });

    it('walks token → Distributor → Customer → Device → Measurement', async () => {
      const token = await curl('POST', `${url}/oauth/token`, [
        '-H',
        'Content-Type: application/x-www-form-urlencoded',
        '--data',
        'grant_type=password&username=demo&password=demo',
      ]);
      expect(token.status).toBe(200);
      const auth = ['-H', `Authorization: Bearer ${token.body.access_token}`];

      const distributor = await curl('GET', `${url}/ctapi/Distributor`, auth);
      expect(distributor.status).toBe(200);
      expect(distributor.body[0].UserName).toBe('demo');

      const customers = await curl('GET', `${url}/ctapi/Customer`, [
        ...auth,
        '--get',
        '--data-urlencode',
        'customerRequest.customerRef=CT-1',
        '--data-urlencode',
        'customerRequest.page=2',
        '--data-urlencode',
        'customerRequest.pageSize=10',
      ]);
      expect(customers.status).toBe(200);
      expect(customers.body.RecordCount).toBe(240);
      expect(customers.body.CustomerList).toHaveLength(10);

      const json = ['-H', 'Content-Type: application/json', ...auth];
      const devices = await curl('POST', `${url}/ctapi/Device`, [...json, '--data', '{"PageIndex":0}']);
      expect(devices.status).toBe(200);
      expect(devices.body.Devices).toHaveLength(50);

      const midnight = Math.floor(Date.now() / DAY) * DAY;
      const online = devices.body.Devices.find(
        (d: { DeviceDataUpdateDateTime: string }) => Date.parse(d.DeviceDataUpdateDateTime) >= midnight,
      );
      const request = {
        DeviceID: online.DeviceID,
        FromUTCDate: new Date(midnight - DAY).toISOString(),
        ToUTCDate: new Date(midnight).toISOString(),
        PageIndex: 0,
      };
      const measurements = await curl('POST', `${url}/ctapi/Measurement`, [...json, '--data', JSON.stringify(request)]);
      expect(measurements.status).toBe(200);
      expect(measurements.body).toMatchObject({ Count: 288, Pages: 1, PagesIndex: 0, ResponseCode: 200 });
      expect(measurements.body.Measurements).toHaveLength(288);
    });

    it('stops cleanly on SIGTERM with exit code 0', async () => {
      child.kill('SIGTERM');
      expect((await exited).code).toBe(0);
    });
  });

  it.each([
    ['--port', ['--port', 'abc']],
    ['--fault-rate', ['--fault-rate', '2']],
    ['--rate-limit', ['--rate-limit', '-1']],
    ['--token-lifetime', ['--token-lifetime', '0']],
    ['--number-format', ['--number-format', 'excel']],
    ['--nope', ['--nope']],
  ])('exits 2 naming %s for a bad value', async (flag, args) => {
    const { code, stderr } = await exitOf(spawn(process.execPath, [CLI, ...args]));
    expect(code).toBe(2);
    expect(stderr).toContain(flag);
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await exitOf(spawn(process.execPath, [CLI, '--help']));
    expect(code).toBe(0);
    expect(stdout).toContain('--fault-rate');
  });
});
