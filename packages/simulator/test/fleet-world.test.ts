import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../src/data/generate-world.js';
import { listen, MAX_WORLD_DEVICES, type RunningSimulator } from '../src/index.js';
import { ContractClient } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// `--devices N`: a world of up to 100,000 devices whose records are built on demand.
describe('a world of 100,000 devices', () => {
  const world = generateWorld(3, NOW, { devices: MAX_WORLD_DEVICES });
  const a = world.distributors[0] as { ID: string };
  const b = world.distributors[1] as { ID: string };

  it('has exactly the devices asked for, two to one between the distributors, each one range', () => {
    expect(world.deviceCount).toBe(100_000);
    expect(world.deviceRange(a.ID)).toEqual({ first: 0, end: 66_667 });
    expect(world.deviceRange(b.ID)).toEqual({ first: 66_667, end: 100_000 });
    const customersA = world.customerRange(a.ID);
    const customersB = world.customerRange(b.ID);
    expect(customersA.end).toBe(customersB.first);
    expect(customersB.end).toBe(world.customerCount);
    // One to three devices a customer: between a third and all of the devices.
    expect(world.customerCount).toBeGreaterThan(100_000 / 3);
    expect(world.customerCount).toBeLessThan(100_000);
  });

  it('finds any device by its 16-digit ID, IDs ascending with the index, and refuses IDs it never issued', () => {
    let previous = '';
    for (const index of [0, 1, 2, 31_337, 66_666, 66_667, 99_998, 99_999]) {
      const device = world.device(index);
      expect(device.id).toMatch(/^\d{16}$/);
      expect(device.id > previous).toBe(true);
      previous = device.id;
      expect(world.deviceById.get(device.id)).toEqual(device);
      expect(device.distributorId).toBe(index < 66_667 ? a.ID : b.ID);
    }
    const last = world.device(99_999).id;
    expect(world.deviceById.get(`${last.slice(0, 15)}${(Number(last[15]) + 1) % 10}`)).toBeUndefined();
    expect(world.deviceById.get('8100000000000000')).toBeUndefined();
    expect(world.deviceById.get('1234567890123456')).toBeUndefined();
  });

  it('ties customers and devices together both ways, and finds a customer by reference', () => {
    for (const index of [0, 17, 40_000, world.customerCount - 1]) {
      const customer = world.customer(index);
      const { first, end } = world.devicesOfCustomer(index);
      expect(customer.Devices).toEqual(Array.from({ length: end - first }, (_, i) => world.device(first + i).id));
      for (const id of customer.Devices) expect(world.deviceById.get(id)?.customerRef).toBe(customer.AccountNumber);
      expect(world.customerByRef(customer.AccountNumber.toLowerCase())?.index).toBe(index);
    }
    expect(world.customerByRef('CT-999999')).toBeUndefined();
  });

  it('is the same world for the same seed, and another for another seed', () => {
    const again = generateWorld(3, NOW, { devices: MAX_WORLD_DEVICES });
    expect(again.device(54_321)).toEqual(world.device(54_321));
    expect(again.customer(9_999)).toEqual(world.customer(9_999));
    expect(generateWorld(4, NOW, { devices: MAX_WORLD_DEVICES }).device(54_321).id).not.toBe(world.device(54_321).id);
  });

  it('refuses sizes outside 2..100,000', () => {
    expect(() => generateWorld(1, NOW, { devices: 100_001 })).toThrow(RangeError);
    expect(() => generateWorld(1, NOW, { devices: 1 })).toThrow(/devices must be an integer from 2 to 100000/);
    expect(() => generateWorld(1, NOW, { devices: 2.5 })).toThrow(RangeError);
  });
});

describe('the API over a world of 100,000 devices', () => {
  let server: RunningSimulator;
  let api: ContractClient;
  let token: string;

  beforeAll(async () => {
    server = await listen({ seed: 3, now: () => NOW, devices: 100_000 });
    api = new ContractClient(server.url);
    token = (await api.login()).access_token;
  });
  afterAll(() => server.close());

  it('pages the distributor devices, customers and a whole-distributor fleet request', async () => {
    const { world } = server.simulator;
    const devices = await api.request('POST', '/ctapi/Device', { token, json: { PageIndex: 1_000 } });
    expect(devices.status).toBe(200);
    expect(devices.body).toMatchObject({ Count: 66_667, Pages: 1_334, PagesIndex: 1_000 });
    expect(devices.body.Devices.map((d: { DeviceID: string }) => d.DeviceID)).toEqual(
      Array.from({ length: 50 }, (_, i) => world.device(50_000 + i).id),
    );

    const customers = await api.request('GET', '/ctapi/Customer?customerRequest.page=3&customerRequest.pageSize=100', {
      token,
    });
    expect(customers.status).toBe(200);
    const range = world.customerRange(world.distributors[0]?.ID as string);
    expect(customers.body.RecordCount).toBe(range.end - range.first);
    expect(customers.body.CustomerList[0].AccountNumber).toBe(world.customer(200).AccountNumber);

    const one = world.customer(12_345);
    const byRef = await api.request('POST', '/ctapi/Device', { token, json: { CustomerReference: one.AccountNumber } });
    expect(byRef.body.Devices.map((d: { DeviceID: string }) => d.DeviceID)).toEqual(one.Devices);

    // The last device's second day: page 2 × 66,667 − 1 of a two-day request.
    const from = Date.UTC(2025, 0, 10);
    const last = await api.request('POST', '/ctapi/Measurement', {
      token,
      json: {
        DistributorID: world.distributors[0]?.ID,
        FromUTCDate: iso(from),
        ToUTCDate: iso(from + 2 * DAY),
        PageIndex: 2 * 66_667 - 1,
      },
    });
    expect(last.status).toBe(200);
    expect(last.body.Pages).toBe(2 * 66_667);
    const lastDevice = world.device(66_666);
    const records = last.body.Measurements as Array<{ DeviceID: string; RecordDateTime: string }>;
    if (lastDevice.offlineSinceMs === null) {
      expect(records).toHaveLength(288);
      expect(records[0]?.RecordDateTime.startsWith('2025-01-11T00:00:00')).toBe(true);
    }
    for (const record of records) expect(record.DeviceID).toBe(lastDevice.id);
    let offline = 0;
    for (let i = 0; i < 66_667; i++) if (world.offlineSinceMs(i) !== null) offline++;
    expect(offline).toBeGreaterThan(66_667 * 0.05);
    expect(last.body.Count).toBeLessThan(66_667 * 2 * 288);
    expect(last.body.Count).toBeGreaterThan((66_667 - offline) * 2 * 288 - 1);
  });
});
