import { describe, expect, it } from 'vitest';
import type { CarbonTrackTokens } from '../src/index.js';
import { clientFor, DEMO, demoDeviceIds, startSimulator } from './simulator-fixture.js';

const DAY = 86_400_000;
// A fixed, fully past range, so every run sees the same records.
const FROM = Date.UTC(2026, 0, 5);

describe('authentication against the simulator', () => {
  it('caches the token: many calls, one token request', async () => {
    const running = await startSimulator({ seed: 11 });
    const client = clientFor(running);
    for (let i = 0; i < 5; i++) await client.distributors().collect();
    expect(running.simulator.stats.tokenRequests.password ?? 0).toBe(1);
    expect(running.simulator.stats.tokenRequests.refresh_token ?? 0).toBe(0);
  });

  it('50 concurrent calls after the server expired the token cause exactly one token request', async () => {
    const running = await startSimulator({ seed: 12 });
    const client = clientFor(running);
    await client.distributors().collect();
    running.simulator.expireTokens();
    running.simulator.resetStats();
    const results = await Promise.all(Array.from({ length: 50 }, () => client.distributors().collect()));
    expect(results.every((r) => r.length === 1 && r[0]?.UserName === 'demo')).toBe(true);
    const { tokenRequests } = running.simulator.stats;
    expect((tokenRequests.password ?? 0) + (tokenRequests.refresh_token ?? 0)).toBe(1);
    expect(running.simulator.stats.statuses['401']).toBe(50);
  });

  it('50 concurrent calls after the token expired by the clock cause exactly one (refresh) token request', async () => {
    const running = await startSimulator({ seed: 13, tokenLifetimeSeconds: 1 });
    const client = clientFor(running);
    await client.distributors().collect();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    running.simulator.resetStats();
    await Promise.all(Array.from({ length: 50 }, () => client.distributors().collect()));
    expect(running.simulator.stats.tokenRequests).toEqual({ refresh_token: 1 });
    expect(running.simulator.stats.statuses['401'] ?? 0).toBe(0);
  });

  it('survives token expiry while paging for longer than the token lives (2 s tokens, ~4 s of paging)', async () => {
    const running = await startSimulator({ seed: 14, tokenLifetimeSeconds: 2, latencyMs: 250 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    const tokens: CarbonTrackTokens[] = [];
    const client = clientFor(running, { onTokens: (t) => void tokens.push(t) });
    const series = await client.measurements({ deviceId, from: FROM, to: FROM + 14 * DAY, concurrency: 1 }).collect();

    const reference = await clientFor(await startSimulator({ seed: 14 }))
      .measurements({ deviceId, from: FROM, to: FROM + 14 * DAY })
      .collect();
    expect(series.length).toBe(14 * 288);
    expect(series.ids).toEqual(reference.ids);
    expect(Array.from(series.columns.PowerUsage)).toEqual(Array.from(reference.columns.PowerUsage));
    expect(tokens.length).toBeGreaterThan(1);
    expect(running.simulator.stats.tokenRequests.refresh_token ?? 0).toBeGreaterThan(0);
  });

  it('falls back to the password grant when the refresh token is refused', async () => {
    const running = await startSimulator({ seed: 15 });
    const client = clientFor(running, {
      // A stored, expired session whose refresh token the server never issued.
      tokens: { accessToken: 'stale-access', refreshToken: 'stale-refresh', expiresAt: Date.now() - 1000 },
    });
    expect(await client.distributors().collect()).toHaveLength(1);
    expect(running.simulator.stats.tokenRequests).toEqual({ refresh_token: 1, password: 1 });
  });

  it('on a 401 renews once and resends the request body intact; a second 401 is final, not a loop', async () => {
    const running = await startSimulator({ seed: 16 });
    const [deviceId] = demoDeviceIds(running, 1) as [string];
    const client = clientFor(running);
    const before = await client.measurements({ deviceId, from: FROM, to: FROM + DAY }).collect();
    running.simulator.expireTokens();
    const after = await client.measurements({ deviceId, from: FROM, to: FROM + DAY }).collect();
    expect(after.ids).toEqual(before.ids);

    // A token provider whose tokens are always refused: exactly two attempts, then an error.
    let calls = 0;
    const refused = clientFor(running, {
      tokenProvider: async () => {
        calls++;
        return `not-a-token-${calls}`;
      },
    });
    running.simulator.resetStats();
    await expect(refused.distributors().collect()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(calls).toBe(2);
    expect(running.simulator.stats.requests).toBe(2);
  });

  it('auth "none" sends no Authorization header (for a proxy that adds it)', async () => {
    const running = await startSimulator({ seed: 17 });
    const client = clientFor(running, { auth: 'none' });
    await expect(client.distributors().collect()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(running.simulator.stats.tokenRequests.password ?? 0).toBe(0);
  });

  it('uses restored tokens without a token request and reports new ones through onTokens', async () => {
    const running = await startSimulator({ seed: 18 });
    const saved: CarbonTrackTokens[] = [];
    await clientFor(running, { onTokens: (t) => void saved.push(t) })
      .distributors()
      .collect();
    expect(saved).toHaveLength(1);
    running.simulator.resetStats();
    const restored = clientFor(running, { tokens: saved[0], credentials: DEMO });
    await restored.distributors().collect();
    expect(running.simulator.stats.tokenRequests.password ?? 0).toBe(0);
  });
});
