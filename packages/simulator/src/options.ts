import type { NumberFormat } from '@carbontrack/api';
import { MAX_WORLD_DEVICES } from './data/world.js';

/** Options of {@link createSimulator}; every field is optional. */
export interface SimulatorOptions {
  /** Seed of the generated world, measurements, faults and latency jitter (default 1). */
  seed?: number;
  /** Lifetime of access tokens in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Requests per second allowed per access token, with a burst of the same size; 0 turns it off (default 0). */
  rateLimit?: number;
  /** Fixed delay added to every response, in milliseconds (default 0). */
  latencyMs?: number;
  /** Extra seeded delay drawn uniformly from [0, jitterMs] per response, in milliseconds (default 0). */
  jitterMs?: number;
  /** Probability (0..1) that a request gets an injected fault instead of its normal answer (default 0). */
  faultRate?: number;
  /** Origins allowed by CORS, e.g. `['http://localhost:5173']`; `['*']` allows any (default none: no CORS headers). */
  cors?: readonly string[];
  /** Clock in epoch milliseconds, for deterministic tests (default `Date.now`). */
  now?: () => number;
  /** Adds a customer and a device whose names and address contain HTML, for XSS tests of UIs (default false). */
  hostileFixtures?: boolean;
  /** Largest request body accepted, in bytes; larger bodies get 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * How numbers are written: `'docs'`, as the documentation's examples show them ("0.00",
   * "1,000.00"), or `'dotnet'`, as the documented .NET patterns print them ("" for zero, ".5",
   * "1000"). Default: the `CARBONTRACK_SIMULATOR_NUMBER_FORMAT` environment variable, else `'docs'`,
   * so a whole test run can be switched (CI runs the browser and editor suites once in each).
   */
  numberFormat?: NumberFormat;
  /**
   * Devices in the world, 2 to 100,000, split two to one between the demo distributors; records
   * are computed on demand, so memory hardly grows with it. 0 (the default) is the standard world:
   * 240 and 120 customers with one to three devices each.
   */
  devices?: number;
}

/** {@link SimulatorOptions} with every default filled in. */
export type ResolvedSimulatorOptions = Readonly<Required<SimulatorOptions>>;

/** Fills in defaults and rejects out-of-range values with a RangeError naming the option. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const resolved: Required<SimulatorOptions> = {
    seed: options.seed ?? 1,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    rateLimit: options.rateLimit ?? 0,
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    faultRate: options.faultRate ?? 0,
    cors: Object.freeze([...(options.cors ?? [])]),
    now: options.now ?? Date.now,
    hostileFixtures: options.hostileFixtures ?? false,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    numberFormat: options.numberFormat ?? defaultNumberFormat(),
    devices: options.devices ?? 0,
  };
  if (resolved.numberFormat !== 'docs' && resolved.numberFormat !== 'dotnet') {
    throw new RangeError(`numberFormat must be 'docs' or 'dotnet', got ${String(resolved.numberFormat)}`);
  }
  requireNumber('seed', resolved.seed, Number.isSafeInteger(resolved.seed), 'an integer');
  requireNumber('tokenLifetimeSeconds', resolved.tokenLifetimeSeconds, resolved.tokenLifetimeSeconds > 0, '> 0');
  requireNumber('rateLimit', resolved.rateLimit, resolved.rateLimit >= 0, '>= 0');
  requireNumber('latencyMs', resolved.latencyMs, resolved.latencyMs >= 0, '>= 0');
  requireNumber('jitterMs', resolved.jitterMs, resolved.jitterMs >= 0, '>= 0');
  requireNumber('faultRate', resolved.faultRate, resolved.faultRate >= 0 && resolved.faultRate <= 1, 'within 0..1');
  requireNumber(
    'devices',
    resolved.devices,
    resolved.devices === 0 ||
      (Number.isInteger(resolved.devices) && resolved.devices >= 2 && resolved.devices <= MAX_WORLD_DEVICES),
    `0 (the standard world) or an integer from 2 to ${MAX_WORLD_DEVICES}`,
  );
  requireNumber('maxBodyBytes', resolved.maxBodyBytes, resolved.maxBodyBytes > 0, '> 0');
  return Object.freeze(resolved);
}

function defaultNumberFormat(): NumberFormat {
  const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.CARBONTRACK_SIMULATOR_NUMBER_FORMAT;
  return fromEnv === 'dotnet' ? 'dotnet' : 'docs';
}

function requireNumber(name: string, value: number, ok: boolean, rule: string): void {
  if (typeof value !== 'number' || Number.isNaN(value) || !ok) {
    throw new RangeError(`${name} must be ${rule}, got ${String(value)}`);
  }
}
