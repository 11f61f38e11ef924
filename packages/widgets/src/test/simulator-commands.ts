import type { BrowserCommand } from 'vitest/node';
import { runningSimulator } from './simulator-state.js';

/** Requests the simulator served per route since the last reset, e.g. `{ 'POST /ctapi/Device': 1 }`. */
const simulatorRoutes: BrowserCommand<[]> = () => ({ ...runningSimulator().simulator.stats.routes });

const resetSimulatorStats: BrowserCommand<[]> = () => {
  runningSimulator().simulator.resetStats();
};

/** Expires every token issued so far (the next request gets a 401). */
const expireSimulatorTokens: BrowserCommand<[]> = () => {
  runningSimulator().simulator.expireTokens();
};

/** A demo account token, fetched here so the password never reaches the page. */
const demoToken: BrowserCommand<[]> = async () => {
  const response = await fetch(`${runningSimulator().url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: 'demo', password: 'demo' }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
};

export const simulatorCommands = { simulatorRoutes, resetSimulatorStats, expireSimulatorTokens, demoToken };

declare module 'vitest/browser' {
  interface BrowserCommands {
    simulatorRoutes(): Promise<Record<string, number>>;
    resetSimulatorStats(): Promise<void>;
    expireSimulatorTokens(): Promise<void>;
    demoToken(): Promise<string>;
  }
}
