#!/usr/bin/env node
// carbontrack-simulator: serves the simulator until SIGINT/SIGTERM. Bad flags exit with code 2.
import { parseArgs } from 'node:util';
import { MAX_WORLD_DEVICES } from './data/world.js';
import { listen } from './listen.js';
import type { SimulatorOptions } from './options.js';
import { createSimulator } from './simulator.js';

const HELP = `Usage: carbontrack-simulator [options]

Serves a carbonTRACK-compatible API with deterministic demo data.

Options:
  --port <n>             TCP port, 0 picks a free one (default 8787)
  --host <addr>          interface to bind (default 127.0.0.1)
  --seed <n>             seed of the generated data (default 1)
  --token-lifetime <s>   access token lifetime in seconds (default 3600)
  --rate-limit <req/s>   requests per second per token, 0 = off (default 0)
  --latency <ms>         delay added to every response (default 0)
  --jitter <ms>          extra random delay up to this many ms (default 0)
  --fault-rate <0..1>    probability of an injected fault per request (default 0)
  --cors <origin,...>    origins allowed by CORS, * for any (default: no CORS)
  --number-format <f>    docs: numbers as the documentation's examples ("1,000.00");
                         dotnet: as its .NET patterns print them ("", ".5", "1000")
                         (default: $CARBONTRACK_SIMULATOR_NUMBER_FORMAT, else docs)
  --devices <n>          devices in the world, 2..100000, computed on demand
                         (default: the standard world of 360 customers)
  --hostile-fixtures     add a customer and device with HTML in their names
  --help                 show this help
`;

class UsageError extends Error {}

function main(argv: string[]): void {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
    return;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  let port: number;
  let options: SimulatorOptions;
  try {
    port = numberFlag(
      '--port',
      values.port,
      8787,
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      'an integer 0..65535',
    );
    options = {
      seed: numberFlag('--seed', values.seed, 1, Number.isSafeInteger, 'an integer'),
      tokenLifetimeSeconds: numberFlag(
        '--token-lifetime',
        values['token-lifetime'],
        3600,
        (n) => n > 0,
        'a number > 0',
      ),
      rateLimit: numberFlag('--rate-limit', values['rate-limit'], 0, (n) => n >= 0, 'a number >= 0'),
      latencyMs: numberFlag('--latency', values.latency, 0, (n) => n >= 0, 'a number >= 0'),
      jitterMs: numberFlag('--jitter', values.jitter, 0, (n) => n >= 0, 'a number >= 0'),
      faultRate: numberFlag('--fault-rate', values['fault-rate'], 0, (n) => n >= 0 && n <= 1, 'a number within 0..1'),
      cors: corsFlag(values.cors),
      hostileFixtures: values['hostile-fixtures'] ?? false,
      devices: numberFlag(
        '--devices',
        values.devices,
        0,
        (n) => Number.isInteger(n) && n >= 2 && n <= MAX_WORLD_DEVICES,
        `an integer 2..${MAX_WORLD_DEVICES}`,
      ),
      ...numberFormatFlag(values['number-format']),
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    usageError(error.message);
    return;
  }
  start(port, values.host ?? '127.0.0.1', options).catch((error: unknown) => {
    process.stderr.write(`carbontrack-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

function numberFormatFlag(value: string | undefined): Pick<SimulatorOptions, 'numberFormat'> {
  if (value === undefined) return {};
  if (value !== 'docs' && value !== 'dotnet')
    throw new UsageError(`--number-format must be docs or dotnet, got ${value}`);
  return { numberFormat: value };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      latency: { type: 'string' },
      'number-format': { type: 'string' },
      jitter: { type: 'string' },
      'fault-rate': { type: 'string' },
      cors: { type: 'string' },
      'hostile-fixtures': { type: 'boolean' },
      devices: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function start(port: number, host: string, options: SimulatorOptions): Promise<void> {
  const running = await listen(createSimulator(options), { port, host });
  const accounts = running.simulator.accounts
    .map((account) => `${account.username} / ${account.password} (distributor ${account.distributor})`)
    .join(', ');
  process.stdout.write(`carbonTRACK simulator listening on ${running.url}\nDemo accounts: ${accounts}\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function numberFlag(
  flag: string,
  raw: string | undefined,
  fallback: number,
  ok: (n: number) => boolean,
  rule: string,
): number {
  if (raw === undefined) return fallback;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value) || !ok(value)) throw new UsageError(`${flag} must be ${rule}, got "${raw}"`);
  return value;
}

function corsFlag(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  if (origins.length === 0) throw new UsageError('--cors must list at least one origin, e.g. http://localhost:5173');
  return origins;
}

function usageError(message: string): void {
  process.stderr.write(`carbontrack-simulator: ${message}\nRun with --help for usage.\n`);
  process.exitCode = 2;
}

main(process.argv.slice(2));
