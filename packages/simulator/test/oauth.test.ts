import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningSimulator } from '../src/index.js';
import { ContractClient, manualClock } from './helpers/contract-client.js';

const START = Date.UTC(2025, 0, 15, 3, 0, 0);

describe('POST /oauth/token', () => {
  const clock = manualClock(START);
  let server: RunningSimulator;
  let api: ContractClient;

  beforeAll(async () => {
    server = await listen({ seed: 3, tokenLifetimeSeconds: 2, now: clock.now });
    api = new ContractClient(server.url);
  });
  afterAll(() => server.close());

  it('issues bearer tokens for the password grant, never cached', async () => {
    const result = await api.request('POST', '/oauth/token', {
      form: { grant_type: 'password', username: 'demo', password: 'demo' },
    });
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(result.body).toMatchObject({ token_type: 'bearer', expires_in: 2, issued_at: START / 1000 });
    expect(result.body.access_token).toMatch(/^[\w-]{20,}$/);
    expect(result.body.refresh_token).not.toBe(result.body.access_token);
  });

  it('gives each account its own distributor', async () => {
    const [a, b] = [await api.login('demo'), await api.login('demo2')];
    const da = await api.request('GET', '/ctapi/Distributor', { token: a.access_token });
    const db = await api.request('GET', '/ctapi/Distributor', { token: b.access_token });
    expect(da.body).toEqual([{ ID: server.simulator.accounts[0]?.distributorId, UserName: 'demo' }]);
    expect(db.body).toEqual([{ ID: server.simulator.accounts[1]?.distributorId, UserName: 'demo2' }]);
  });

  it.each([
    [
      'a JSON body',
      { rawBody: '{"grant_type":"password"}', headers: { 'content-type': 'application/json' } },
      'invalid_request',
      /Content-Type/,
    ],
    ['no grant_type', { form: { username: 'demo', password: 'demo' } }, 'invalid_request', /grant_type/],
    ['an unknown grant', { form: { grant_type: 'client_credentials' } }, 'unsupported_grant_type', /grant_type/],
    ['no password', { form: { grant_type: 'password', username: 'demo' } }, 'invalid_request', /password/],
    [
      'a refresh without username',
      { form: { grant_type: 'refresh_token', refresh_token: 'x', password: 'demo' } },
      'invalid_request',
      /username/,
    ],
    [
      'a refresh without refresh_token',
      { form: { grant_type: 'refresh_token', username: 'demo', password: 'demo' } },
      'invalid_request',
      /refresh_token/,
    ],
  ])('answers 400 to %s', async (_name, options, error, description) => {
    const result = await api.request('POST', '/oauth/token', options);
    expect(result.status).toBe(400);
    expect(result.body.error).toBe(error);
    expect(result.body.error_description).toMatch(description);
  });

  it('answers 401 invalid_grant to a wrong password without echoing it', async () => {
    const result = await api.request('POST', '/oauth/token', {
      form: { grant_type: 'password', username: 'demo', password: 'hunter2-secret' },
    });
    expect(result.status).toBe(401);
    expect(result.body.error).toBe('invalid_grant');
    expect(result.text).not.toContain('hunter2-secret');
  });

  it('rotates refresh tokens: each refresh returns a new one and the used one stops working', async () => {
    const first = await api.login();
    const refresh = (refreshToken: string, password = 'demo') =>
      api.request('POST', '/oauth/token', {
        form: { grant_type: 'refresh_token', refresh_token: refreshToken, username: 'demo', password },
      });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);

    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(401);
    expect(reused.body.error).toBe('invalid_grant');
    expect(reused.text).not.toContain(first.refresh_token);

    expect((await refresh(second.body.refresh_token, 'wrong')).status).toBe(401);
    expect((await refresh(second.body.refresh_token)).status).toBe(200);
    expect((await refresh('made-up-token')).status).toBe(401);
  });

  it('refuses a refresh token of another account', async () => {
    const demo = await api.login('demo');
    const result = await api.request('POST', '/oauth/token', {
      form: { grant_type: 'refresh_token', refresh_token: demo.refresh_token, username: 'demo2', password: 'demo2' },
    });
    expect(result.status).toBe(401);
  });

  it('expires access tokens after tokenLifetimeSeconds', async () => {
    const tokens = await api.login();
    expect((await api.request('GET', '/ctapi/Distributor', { token: tokens.access_token })).status).toBe(200);
    clock.advance(2000);
    const expired = await api.request('GET', '/ctapi/Distributor', { token: tokens.access_token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(expired.body).toMatchObject({ ResponseCode: 401, Error: 1, ErrorNumber: 2001 });
    expect(expired.body.ErrorMessage).toMatch(/expired/);
    const renewed = await api.request('POST', '/oauth/token', {
      form: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, username: 'demo', password: 'demo' },
    });
    expect((await api.request('GET', '/ctapi/Distributor', { token: renewed.body.access_token })).status).toBe(200);
  });

  it('expireTokens() expires every issued access token now', async () => {
    const tokens = await api.login();
    server.simulator.expireTokens();
    const result = await api.request('GET', '/ctapi/Customer', { token: tokens.access_token });
    expect(result.status).toBe(401);
    expect(result.body.ErrorMessage).toMatch(/expired/);
    expect((await api.request('GET', '/ctapi/Customer', { token: (await api.login()).access_token })).status).toBe(200);
  });

  it.each([
    ['missing', undefined, /missing/],
    ['unknown', 'not-a-token', /invalid/],
  ])('answers 401 with a Bearer challenge to a %s token', async (_name, token, message) => {
    const result = await api.request('POST', '/ctapi/Device', { token, json: {} });
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(result.body).toMatchObject({
      ResponseCode: 401,
      ResponseMessage: 'Unauthorized',
      Error: 1,
      ErrorNumber: 2001,
    });
    expect(result.body.ErrorMessage).toMatch(message);
  });

  it('issues unguessable tokens: the same seed does not give the same token', async () => {
    const other = await listen({ seed: 3, now: clock.now });
    try {
      const mine = await api.login();
      const theirs = await new ContractClient(other.url).login();
      expect(theirs.access_token).not.toBe(mine.access_token);
    } finally {
      await other.close();
    }
  });

  it('counts token requests by grant type', async () => {
    server.simulator.resetStats();
    await api.login();
    await api.request('POST', '/oauth/token', { form: { grant_type: 'nope' } });
    expect(server.simulator.stats.tokenRequests).toEqual({ password: 1, invalid: 1 });
    expect(server.simulator.stats.routes['POST /oauth/token']).toBe(2);
    expect(server.simulator.stats.statuses).toEqual({ 200: 1, 400: 1 });
    expect(server.simulator.stats.requests).toBe(2);
  });
});
