// A failing token source shared by many waiting requests must fail each of them once and leave no
// unhandled promise rejection behind (seen in Chromium with a rejecting tokenProvider).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordAuth } from '../src/auth/password-auth.js';
import { tokenProviderAuth } from '../src/auth/token-provider-auth.js';
import { clientFor, demoDeviceIds, startSimulator } from './simulator-fixture.js';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 5);

let unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', record);
});
afterEach(() => {
  process.off('unhandledRejection', record);
});
// Unhandled rejections are reported after the microtask queue drains; give them a few turns.
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('shared token requests that fail', () => {
  it('a caller whose signal already aborted starts no token request and gets the abort reason', async () => {
    let calls = 0;
    const auth = tokenProviderAuth(async () => {
      calls++;
      throw new Error('provider down');
    });
    const controller = new AbortController();
    controller.abort(new Error('gave up'));
    await expect(auth.getToken(controller.signal)).rejects.toThrow('gave up');
    const password = passwordAuth({
      credentials: { username: 'u', password: 'p' },
      requestToken: async () => {
        calls++;
        throw new Error('token endpoint down');
      },
    });
    await expect(password.getToken(controller.signal)).rejects.toThrow('gave up');
    await settle();
    expect(unhandled).toEqual([]);
    expect(calls).toBe(0);
  });

  it('callers that give up while the shared request is pending leave no unhandled rejection when it fails', async () => {
    let fail: (error: Error) => void = () => {};
    const auth = tokenProviderAuth(
      () =>
        new Promise<string>((_, reject) => {
          fail = reject;
        }),
    );
    const controllers = Array.from({ length: 5 }, () => new AbortController());
    const waits = controllers.map((c) => auth.getToken(c.signal));
    for (const c of controllers) c.abort(new Error('gave up'));
    for (const wait of waits) await expect(wait).rejects.toThrow('gave up');
    fail(new Error('provider down'));
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('a tokenProvider that starts failing during a multi-window measurement fetch fails the call once, cleanly', async () => {
    const running = await startSimulator({ seed: 41, latencyMs: 20 });
    const [deviceId] = demoDeviceIds(running, 1);
    // The first token works; once the server forgets it, the provider fails.
    let first = true;
    const client = clientFor(running, {
      tokenProvider: async () => {
        if (first) {
          first = false;
          const response = await fetch(`${running.url}/oauth/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=password&username=demo&password=demo',
          });
          return ((await response.json()) as { access_token: string }).access_token;
        }
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error('provider down');
      },
    });
    const iterable = client.measurements({ deviceId: deviceId as string, from: FROM, to: FROM + 12 * DAY });
    const seen: number[] = [];
    const run = (async () => {
      for await (const part of iterable) {
        seen.push(part.length);
        if (seen.length === 1) running.simulator.expireTokens();
      }
    })();
    await expect(run).rejects.toThrow('provider down');
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThan(12);
    await settle();
    expect(unhandled).toEqual([]);
  });
});
