import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, createCarbonTrackClient, type SignInRefusal } from '../src/index.js';
import { startSimulator } from './simulator-fixture.js';

const tokenRequests = (stats: { tokenRequests: Record<string, number> }) =>
  Object.values(stats.tokenRequests).reduce((a, b) => a + b, 0);

describe('a refused sign-in is remembered', () => {
  it('a wrong password in a tight loop makes one token request per cool-down, never a burst', async () => {
    const running = await startSimulator({ seed: 40 });
    const refusals: SignInRefusal[] = [];
    const client = createCarbonTrackClient({
      baseUrl: running.url,
      credentials: { username: 'demo', password: 'not-the-password' },
      onSignInRefused: (refusal) => refusals.push(refusal),
    });
    const errors: unknown[] = [];
    const until = Date.now() + 1_500;
    while (Date.now() < until) {
      errors.push(
        await client
          .distributors()
          .collect()
          .catch((e: unknown) => e),
      );
    }
    expect(errors.length).toBeGreaterThan(100);
    expect(errors.every((e) => e instanceof AuthenticationError)).toBe(true);
    // The first refusal, then one more after the first second's cool-down: two, not hundreds.
    expect(tokenRequests(running.simulator.stats)).toBe(2);
    expect(new Set(errors).size).toBe(2);
    expect(refusals.map((r) => r.retryInMs)).toEqual([1_000, 2_000]);
    expect(refusals.every((r) => r.username === 'demo')).toBe(true);
    expect(JSON.stringify(refusals) + errors.map(String).join()).not.toContain('not-the-password');
    // No other request went out: every call stopped at the sign-in.
    expect(running.simulator.stats.requests).toBe(2);
  });

  it('the cool-down doubles up to its cap, and a sign-in that succeeds resets it', async () => {
    let refuse = true;
    const asked: number[] = [];
    const server: Server = createServer((req, res) => {
      req.resume();
      if (req.url === '/oauth/token') {
        asked.push(Date.now());
        if (refuse) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
        } else {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end('{"access_token":"t","token_type":"bearer","expires_in":3600}');
        }
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const refusals: number[] = [];
      const client = createCarbonTrackClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { username: 'u', password: 'p' },
        signInCooldown: { initialMs: 40, maxMs: 160 },
        onSignInRefused: (r) => refusals.push(r.retryInMs),
      });
      const until = Date.now() + 700;
      while (Date.now() < until) {
        // A 400 invalid_grant is a refusal too, reported as an AuthenticationError.
        await expect(client.distributors().collect()).rejects.toBeInstanceOf(AuthenticationError);
      }
      expect(refusals.slice(0, 4)).toEqual([40, 80, 160, 160]);
      const gaps = asked.slice(1).map((t, i) => t - (asked[i] as number));
      expect(gaps.slice(0, 3).every((gap, i) => gap >= ([40, 80, 160][i] as number) - 5)).toBe(true);
      refuse = false;
      await new Promise((resolve) => setTimeout(resolve, 170));
      await expect(client.distributors().collect()).resolves.toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a refresh that fails', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('is tried once; a 503 on it falls back to the password grant at once', async () => {
    const grants: string[] = [];
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.url === '/oauth/token') {
        const grant = new URLSearchParams(body).get('grant_type') as string;
        grants.push(grant);
        if (grant === 'refresh_token') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"ErrorNumber":503}');
        } else {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end('{"access_token":"a","refresh_token":"r","token_type":"bearer","expires_in":1}');
        }
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const client = createCarbonTrackClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { username: 'u', password: 'p' },
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    await client.distributors().collect();
    // The 1 s token is renewed on the next call (a quarter of its life before expiry).
    await new Promise((resolve) => setTimeout(resolve, 800));
    await expect(client.distributors().collect()).resolves.toEqual([]);
    expect(grants).toEqual(['password', 'refresh_token', 'password']);
  });
});
