import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningSimulator } from '../src/index.js';
import { ContractClient } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// Distributor-level Measurement requests (x-decision-fleet): several devices, or a whole
// distributor, one device-day a page, every answer checked against the contract.
describe('POST /ctapi/Measurement for a fleet', () => {
  let server: RunningSimulator;
  let api: ContractClient;
  let token: string;
  let own: string[];
  const from = Date.UTC(2025, 0, 10);
  const to = from + 2 * DAY;

  beforeAll(async () => {
    server = await listen({ seed: 12, now: () => NOW });
    api = new ContractClient(server.url);
    token = (await api.login()).access_token;
    const { world, accounts } = server.simulator;
    own = world.devices
      .filter((d) => d.distributorId === accounts[0]?.distributorId && d.offlineSinceMs === null)
      .map((d) => d.id);
  });
  afterAll(() => server.close());

  const page = async (body: Record<string, unknown>) =>
    api.request('POST', '/ctapi/Measurement', {
      token,
      json: { FromUTCDate: iso(from), ToUTCDate: iso(to), ...body },
    });

  it('DeviceID as an array pages one device-day a page, devices in the order given', async () => {
    const [a, b] = own as [string, string];
    const first = await page({ DeviceID: [b, a], PageIndex: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ Pages: 4, PagesIndex: 0, Count: 4 * 288 });
    const devicesOfPages: string[] = [];
    const daysOfPages: string[] = [];
    for (let index = 0; index < 4; index++) {
      const { body } = await page({ DeviceID: [b, a], PageIndex: index });
      const records = body.Measurements as Array<{ DeviceID: string; RecordDateTime: string }>;
      expect(records).toHaveLength(288);
      expect(new Set(records.map((r) => r.DeviceID)).size).toBe(1);
      devicesOfPages.push(records[0]?.DeviceID as string);
      daysOfPages.push(String(records[0]?.RecordDateTime).slice(0, 10));
    }
    expect(devicesOfPages).toEqual([b, b, a, a]);
    expect(daysOfPages).toEqual(['2025-01-10', '2025-01-11', '2025-01-10', '2025-01-11']);
    // One device in an array pages as that device alone.
    const alone = await page({ DeviceID: [a], PageIndex: 1 });
    const single = await page({ DeviceID: a, PageIndex: 1 });
    expect(alone.body).toEqual(single.body);
  });

  it('DistributorID alone means every device of the distributor, by ascending ID', async () => {
    const { world, accounts } = server.simulator;
    const distributorId = accounts[0]?.distributorId as string;
    const all = world.devices
      .filter((d) => d.distributorId === distributorId)
      .map((d) => d.id)
      .sort();
    const first = await page({ DistributorID: distributorId, PageIndex: 0 });
    expect(first.status).toBe(200);
    expect(first.body.Pages).toBe(all.length * 2);
    // Every page holds the device its index names, and all pages together hold Count records.
    let records = 0;
    let filled = 0;
    for (let index = 0; index < all.length * 2; index++) {
      const list = (await page({ DistributorID: distributorId, PageIndex: index })).body.Measurements as Array<{
        DeviceID: string;
      }>;
      records += list.length;
      if (list.length === 0) continue;
      filled++;
      expect(list.every((r) => r.DeviceID === all[Math.floor(index / 2)])).toBe(true);
    }
    expect(records).toBe(first.body.Count);
    expect(filled).toBeGreaterThan(all.length);
    // Another distributor's ID is refused.
    const other = accounts[1]?.distributorId as string;
    expect((await page({ DistributorID: other })).status).toBe(403);
  });

  it.each([
    ['a 15-digit ID (the documentation example)', { DeviceID: ['898797978949029'] }, 400],
    ['an empty array', { DeviceID: [] }, 400],
    ['more than 1,000 IDs', { DeviceID: Array.from({ length: 1001 }, (_, i) => String(1e15 + i)) }, 400],
    ['neither a device nor a distributor', {}, 400],
  ])('refuses %s', async (_label, body, status) => {
    const answer = await page(body);
    expect(answer.status).toBe(status);
    expect(answer.body.ErrorMessage).toMatch(/DeviceID/);
  });

  it("refuses an array naming another distributor's device", async () => {
    const { world, accounts } = server.simulator;
    const foreign = world.devices.find((d) => d.distributorId === accounts[1]?.distributorId)?.id as string;
    expect((await page({ DeviceID: [own[0], foreign] })).status).toBe(403);
  });
});
