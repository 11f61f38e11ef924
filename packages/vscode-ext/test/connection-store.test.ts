import { AuthenticationError } from '@carbontrack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionSessions } from '../src/connections/connection-sessions.js';
import { type ConnectionStore, validateBaseUrl } from '../src/connections/connection-store.js';
import { startSimulator } from './helpers.js';

describe('connections', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('keeps URL and username in settings, the password and tokens only in secret storage', async () => {
    const saved = sim.settings.get('connections') as unknown[];
    expect(saved).toEqual([{ id: 'sim', name: 'Simulator', baseUrl: sim.running.url, username: 'demo' }]);
    expect(JSON.stringify(saved)).not.toMatch(/password|token/i);
    expect(sim.secrets.values.get('carbontrack.password.sim')).toBe('demo');

    await sim.sessions.run(sim.connection, (client) => client.distributors().collect());
    const tokens = JSON.parse(sim.secrets.values.get('carbontrack.tokens.sim') as string);
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(JSON.stringify([...sim.settings.values()])).not.toContain(tokens.accessToken);
    expect(sim.sessions.status('sim').state).toBe('connected');
  });

  it('reuses stored tokens in a new session without a token request', async () => {
    const store = sim.sessions.store;
    const fresh = new ConnectionSessions(store);
    const before = sim.running.simulator.stats.tokenRequests;
    const beforeTotal = Object.values(before).reduce((a, b) => a + b, 0);
    await fresh.run(sim.connection, (client) => client.distributors().collect());
    const after = Object.values(sim.running.simulator.stats.tokenRequests).reduce((a, b) => a + b, 0);
    expect(after).toBe(beforeTotal);
  });

  it('reads power in the unit a connection names (kW into W), and ignores a connection with a unit it does not know', async () => {
    const deviceId = sim.running.simulator.world.devices.find((d) => d.offlineSinceMs === null)?.id as string;
    const query = { deviceId, from: Date.now() - 3_600_000, to: Date.now() };
    const watts = await sim.sessions.run(sim.connection, (client) => client.measurements(query).collect());
    const kw = { ...sim.connection, id: 'kw', name: 'kW', powerUnit: 'kW' as const };
    await sim.sessions.store.save(kw, 'demo');
    const kilowatts = await sim.sessions.run(kw, (client) => client.measurements(query).collect());
    expect(kilowatts.columns.PowerUsage[0]).toBeCloseTo((watts.columns.PowerUsage[0] as number) * 1000, 6);
    sim.settings.set('connections', [
      ...(sim.settings.get('connections') as unknown[]),
      { ...kw, id: 'mw', powerUnit: 'MW' },
    ]);
    expect(sim.sessions.store.get('mw')).toBeUndefined();
    await sim.sessions.store.remove('kw');
    sim.settings.set(
      'connections',
      (sim.settings.get('connections') as Array<{ id: string }>).filter((c) => c.id !== 'mw'),
    );
  });

  it('reports a wrong password as an AuthenticationError and an error state', async () => {
    const bad = { ...sim.connection, id: 'bad', name: 'Bad' };
    await sim.sessions.store.save(bad, 'wrong');
    await expect(sim.sessions.run(bad, (client) => client.distributors().collect())).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(sim.sessions.status('bad').state).toBe('error');
  });

  it('removes a connection with its secrets; transient connections never reach settings', async () => {
    const store: ConnectionStore = sim.sessions.store;
    await store.remove('bad');
    expect(sim.secrets.values.has('carbontrack.password.bad')).toBe(false);
    await store.save({ id: 't', name: 'T', baseUrl: sim.running.url, username: 'demo', transient: true }, 'demo');
    expect((sim.settings.get('connections') as Array<{ id: string }>).map((c) => c.id)).toEqual(['sim']);
    expect(store.list().map((c) => c.id)).toEqual(['sim', 't']);
    expect(await store.password('t')).toBe('demo');
    expect(sim.secrets.values.has('carbontrack.password.t')).toBe(false);
  });

  it('validates base URLs', () => {
    expect(validateBaseUrl('https://apiv2.carbontrack.com.au')).toBeUndefined();
    expect(validateBaseUrl('not a url')).toMatch(/absolute URL/);
    expect(validateBaseUrl('ftp://x')).toMatch(/https/);
    expect(validateBaseUrl('https://u:p@x.com')).toMatch(/not in the URL/);
  });
});
