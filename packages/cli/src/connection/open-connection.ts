import { type CarbonTrackClient, createCarbonTrackClient, type FetchLike } from '@carbontrack/core';
import { createSimulator } from '@carbontrack/simulator';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';
import { promptCredentials } from './prompt-credentials.js';
import { configDir, TokenCache } from './token-cache.js';

/** The API the documentation names, used when credentials are set without a base URL. */
export const DOCUMENTED_BASE_URL = 'https://apiv2.carbontrack.com.au';

/** Base URL of the in-process simulator (never resolved: requests go straight to its handler). */
const SIMULATOR_URL = 'http://simulator.localhost';

/** An API to talk to, with the client for it. */
export interface Connection {
  readonly client: CarbonTrackClient;
  readonly baseUrl: string;
  readonly username: string;
  /** The password, for the probe's own token requests; never printed. */
  readonly password: string;
  /** The fetch the client uses (the simulator's handler when simulated). */
  readonly fetch: FetchLike | undefined;
  /** True when no account was configured and `ct` runs against its built-in simulator. */
  readonly simulated: boolean;
}

/**
 * Connects as the environment says: `CARBONTRACK_BASE_URL` with `CARBONTRACK_USERNAME` and
 * `CARBONTRACK_PASSWORD` (whatever is missing is asked for on the terminal); none of them means
 * the built-in simulator (demo data, said on stderr). Tokens are cached between runs in a file
 * only the user can read (see {@link TokenCache}); credentials are never taken from argv.
 */
export async function openConnection(io: CliIo): Promise<Connection> {
  const { env } = io;
  const configured = env.CARBONTRACK_BASE_URL || env.CARBONTRACK_USERNAME || env.CARBONTRACK_PASSWORD;
  if (!configured) {
    const simulator = createSimulator({ devices: simulatorDevices(env) });
    note(io, 'ct: CARBONTRACK_BASE_URL is not set: using the built-in simulator (demo data, account demo).');
    const fetch: FetchLike = (request) => simulator.fetch(request);
    return {
      client: createCarbonTrackClient({
        baseUrl: SIMULATOR_URL,
        credentials: { username: 'demo', password: 'demo' },
        fetch,
      }),
      baseUrl: SIMULATOR_URL,
      username: 'demo',
      password: 'demo',
      fetch,
      simulated: true,
    };
  }
  const baseUrl = (env.CARBONTRACK_BASE_URL || DOCUMENTED_BASE_URL).replace(/\/+$/, '');
  const credentials =
    env.CARBONTRACK_USERNAME && env.CARBONTRACK_PASSWORD
      ? { username: env.CARBONTRACK_USERNAME, password: env.CARBONTRACK_PASSWORD }
      : await promptCredentials(io, { username: env.CARBONTRACK_USERNAME });
  const cache = new TokenCache(configDir(env));
  const tokens = await cache.load(baseUrl, credentials.username);
  return {
    client: createCarbonTrackClient({
      baseUrl,
      credentials,
      tokens,
      onTokens: (fresh) => cache.save(baseUrl, credentials.username, fresh).catch(() => {}),
    }),
    baseUrl,
    username: credentials.username,
    password: credentials.password,
    fetch: undefined,
    simulated: false,
  };
}

function simulatorDevices(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.CARBONTRACK_SIMULATOR_DEVICES;
  return raw ? Number(raw) : undefined;
}
