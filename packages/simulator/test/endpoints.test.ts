import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementRecord } from '../src/data/measurement-generator.js';
import { type DeviceRecord, HOSTILE_MARKUP, listen, type RunningSimulator, TIMEZONES } from '../src/index.js';
import { ContractClient, validated } from './helpers/contract-client.js';
import { physicsProblems } from './helpers/physics-checks.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('GET /ctapi/Customer and POST /ctapi/Device', () => {
  let server: RunningSimulator;
  let api: ContractClient;
  let token: string;

  beforeAll(async () => {
    server = await listen({ seed: 11, now: () => NOW });
    api = new ContractClient(server.url);
    token = (await api.login()).access_token;
  });
  afterAll(() => server.close());

  const customers = async (query: string) => (await api.request('GET', `/ctapi/Customer?${query}`, { token })).body;

  it('generates a few hundred plausible Australian customers per distributor', () => {
    const { world, accounts } = server.simulator;
    const ofA = world.customers.filter((c) => c.DistributorId === accounts[0]?.distributorId);
    const ofB = world.customers.filter((c) => c.DistributorId === accounts[1]?.distributorId);
    expect(ofA.length).toBe(240);
    expect(ofB.length).toBe(120);
    for (const customer of world.customers) {
      expect(customer.AccountNumber).toMatch(/^CT-\d{6}$/);
      expect(customer.Mobile).toMatch(/^04\d{2} \d{3} \d{3}$/);
      expect(customer.Location).toMatch(/^\d+ [A-Za-z ]+, [A-Za-z ]+ (VIC|NSW|QLD|WA|SA|TAS|NT|ACT) \d{4}$/);
      expect(TIMEZONES[customer.TimezoneId]).toMatch(/^Australia\//);
      expect(customer.Devices.length).toBeGreaterThanOrEqual(1);
      expect(customer.Devices.length).toBeLessThanOrEqual(3);
    }
    expect(world.customers.some((c) => c.LastName.includes("'"))).toBe(true);
    expect(new Set(world.devices.map((d) => d.id)).size).toBe(world.devices.length);
  });

  it('pages customers 1-based with RecordCount over all matches', async () => {
    const all = await customers('customerRequest.pageSize=500');
    expect(all.RecordCount).toBe(240);
    expect(all.CustomerList).toHaveLength(240);
    const first = await customers('');
    expect(first.CustomerList).toHaveLength(20);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      pages.push(...(await customers(`customerRequest.page=${page}&customerRequest.pageSize=100`)).CustomerList);
    }
    expect(pages).toEqual(all.CustomerList);
    expect((await customers('customerRequest.page=99')).CustomerList).toEqual([]);
  });

  it('filters by reference prefix, phone digits and address, case-insensitively', async () => {
    const all = (await customers('customerRequest.pageSize=500')).CustomerList;
    const target = all[17];
    const byRef = await customers(`customerRequest.customerRef=${target.AccountNumber.toLowerCase()}`);
    expect(byRef.CustomerList.map((c: { AccountNumber: string }) => c.AccountNumber)).toContain(target.AccountNumber);
    expect(
      byRef.CustomerList.every((c: { AccountNumber: string }) => c.AccountNumber.startsWith(target.AccountNumber)),
    ).toBe(true);
    const prefix = await customers('customerRequest.customerRef=ct-1000&customerRequest.pageSize=500');
    expect(prefix.RecordCount).toBe(
      all.filter((c: { AccountNumber: string }) => c.AccountNumber.startsWith('CT-1000')).length,
    );

    const mobile: string = target.Mobile;
    const phone = await customers(`customerRequest.phone=${encodeURIComponent(mobile.slice(2, 9))}`);
    expect(phone.CustomerList.map((c: { CustomerId: string }) => c.CustomerId)).toContain(target.CustomerId);
    expect((await customers('customerRequest.phone=none')).RecordCount).toBe(0);

    const suburb = target.Location.split(', ')[1].split(' ')[0].toUpperCase();
    const byAddress = await customers(
      `customerRequest.address=${encodeURIComponent(suburb)}&customerRequest.pageSize=500`,
    );
    expect(byAddress.RecordCount).toBeGreaterThan(0);
    for (const c of byAddress.CustomerList) expect(c.Location.toUpperCase()).toContain(suburb);

    const page2 = await customers('customerRequest.address=vic&customerRequest.page=2&customerRequest.pageSize=5');
    const vic = all.filter((c: { Location: string }) => c.Location.toLowerCase().includes('vic'));
    expect(page2.RecordCount).toBe(vic.length);
    expect(page2.CustomerList).toEqual(vic.slice(5, 10));
  });

  it('pages devices 0-based, 50 a page, with Count, Pages and PagesIndex', async () => {
    const own = server.simulator.world.devices.filter(
      (d) => d.distributorId === server.simulator.accounts[0]?.distributorId,
    );
    const first = (await api.devices(token)).body;
    expect(first).toMatchObject({ Count: own.length, Pages: Math.ceil(own.length / 50), PagesIndex: 0 });
    expect(first).toMatchObject({
      ResponseCode: 200,
      ResponseMessage: 'OK',
      Message: '',
      Error: 0,
      ErrorNumber: 0,
      ErrorMessage: '',
    });
    const ids: string[] = [];
    for (let page = 0; page < first.Pages; page++) {
      const body = (await api.devices(token, { PageIndex: page })).body;
      expect(body.PagesIndex).toBe(page);
      expect(body.Devices.length).toBe(page < first.Pages - 1 ? 50 : own.length - 50 * page);
      ids.push(...body.Devices.map((d: { DeviceID: string }) => d.DeviceID));
    }
    expect(ids).toEqual(own.map((d) => d.id));
    const past = (await api.devices(token, { PageIndex: first.Pages })).body;
    expect(past.Devices).toEqual([]);
    expect(past.Count).toBe(own.length);
  });

  it('filters devices by DeviceID, CustomerReference and RegisteredOnly', async () => {
    const own = server.simulator.world.devices.filter(
      (d) => d.distributorId === server.simulator.accounts[0]?.distributorId,
    );
    const registered = (await api.devices(token, { RegisteredOnly: true })).body;
    expect(registered.Count).toBe(own.filter((d) => d.isRegistered).length);
    expect(registered.Count).toBeLessThan(own.length);
    const device = own[3] as DeviceRecord;
    const one = (await api.devices(token, { DeviceID: device.id })).body;
    expect(one.Count).toBe(1);
    expect(one.Devices[0]).toMatchObject({
      DeviceID: device.id,
      CustomerRef: device.customerRef,
      TimezoneId: device.timezoneId,
      IsDeviceContainsInverter: device.solarKwp > 0,
      Distance: 0,
    });
    expect(one.Devices[0].IPAddress).toMatch(/^(203\.0\.113|198\.51\.100)\.\d+$/);
    expect(one.Devices[0].Weather.WeatherLocation).toBe(device.city);
    const byCustomer = (await api.devices(token, { CustomerReference: device.customerRef.toLowerCase() })).body;
    expect(byCustomer.Devices.every((d: { CustomerRef: string }) => d.CustomerRef === device.customerRef)).toBe(true);
    expect(byCustomer.Devices.map((d: { DeviceID: string }) => d.DeviceID)).toContain(device.id);
  });

  it('has a realistic mix of solar, batteries, controls and offline devices', () => {
    const devices = server.simulator.world.devices;
    const share = (test: (d: DeviceRecord) => boolean) => devices.filter(test).length / devices.length;
    expect(share((d) => d.solarKwp > 0)).toBeGreaterThan(0.65);
    expect(share((d) => d.solarKwp > 0)).toBeLessThan(0.85);
    expect(share((d) => d.battery !== null)).toBeGreaterThan(0.2);
    expect(share((d) => d.battery !== null)).toBeLessThan(0.4);
    expect(share((d) => d.offlineSinceMs !== null)).toBeGreaterThan(0.04);
    expect(share((d) => d.offlineSinceMs !== null)).toBeLessThan(0.16);
    expect(share((d) => d.isRegistered)).toBeGreaterThan(0.9);
    expect(new Set(devices.map((d) => d.city)).size).toBe(8);
    // Names never promise hardware a device lacks.
    expect(devices.filter((d) => / solar/.test(d.name) && d.solarKwp === 0)).toEqual([]);
    expect(devices.filter((d) => / battery/.test(d.name) && d.battery === null)).toEqual([]);
  });

  it('reports online devices as updated at the last five-minute boundary, offline ones hours to days ago', async () => {
    const body = (await api.devices(token, { PageIndex: 0 })).body;
    const boundary = iso(Math.floor(NOW / 300_000) * 300_000);
    for (const model of body.Devices) {
      const device = server.simulator.world.deviceById.get(model.DeviceID) as DeviceRecord;
      if (device.offlineSinceMs === null) expect(model.DeviceDataUpdateDateTime).toBe(boundary);
      else {
        const age = NOW - Date.parse(model.DeviceDataUpdateDateTime);
        expect(age).toBeGreaterThanOrEqual(2 * 3_600_000);
        expect(age).toBeLessThanOrEqual(5 * DAY + 300_000);
      }
    }
  });
});

describe('POST /ctapi/Measurement paging', () => {
  let server: RunningSimulator;
  let api: ContractClient;
  let token: string;
  let online: DeviceRecord;
  let offline: DeviceRecord;

  beforeAll(async () => {
    server = await listen({ seed: 11, now: () => NOW });
    api = new ContractClient(server.url);
    token = (await api.login()).access_token;
    const own = server.simulator.world.devices.filter(
      (d) => d.distributorId === server.simulator.accounts[0]?.distributorId,
    );
    online = own.find((d) => d.offlineSinceMs === null && d.battery && d.solarKwp > 0) as DeviceRecord;
    offline = own.find((d) => d.offlineSinceMs !== null) as DeviceRecord;
  });
  afterAll(() => server.close());

  const fetchAll = async (device: DeviceRecord, from: string, to: string) => {
    const first = (await api.measurements(token, { DeviceID: device.id, FromUTCDate: from, ToUTCDate: to })).body;
    const records = [...first.Measurements];
    for (let page = 1; page < first.Pages; page++) {
      const body = (
        await api.measurements(token, { DeviceID: device.id, FromUTCDate: from, ToUTCDate: to, PageIndex: page })
      ).body;
      expect(body.PagesIndex).toBe(page);
      expect(body.Count).toBe(first.Count);
      records.push(...body.Measurements);
    }
    return { first, records };
  };

  it('returns 288 records for a full past day, oldest first, From inclusive and To exclusive', async () => {
    const body = (
      await api.measurements(token, {
        DeviceID: online.id,
        FromUTCDate: '2025-01-10T00:00:00Z',
        ToUTCDate: '2025-01-11T00:00:00Z',
      })
    ).body;
    expect(body).toMatchObject({ Count: 288, Pages: 1, PagesIndex: 0, ResponseCode: 200, Error: 0 });
    expect(body.Measurements).toHaveLength(288);
    expect(body.Measurements[0].RecordDateTime).toBe('2025-01-10T00:00:00Z');
    expect(body.Measurements[287].RecordDateTime).toBe('2025-01-10T23:55:00Z');
  });

  it('joins consecutive pages with no gap or overlap, also from an unaligned start', async () => {
    const from = Date.UTC(2025, 0, 7, 13, 2, 30);
    const to = from + 2.5 * DAY;
    const { first, records } = await fetchAll(online, iso(from), iso(to));
    expect(first.Pages).toBe(3);
    expect(first.Count).toBe(records.length);
    expect(records.length).toBe(720);
    expect(Date.parse(records[0].RecordDateTime)).toBe(Date.UTC(2025, 0, 7, 13, 5));
    for (let i = 1; i < records.length; i++) {
      expect(Date.parse(records[i].RecordDateTime) - Date.parse(records[i - 1].RecordDateTime)).toBe(300_000);
    }
    expect(new Set(records.map((r: { ID: string }) => r.ID)).size).toBe(records.length);
    const past = (
      await api.measurements(token, { DeviceID: online.id, FromUTCDate: iso(from), ToUTCDate: iso(to), PageIndex: 3 })
    ).body;
    expect(past).toMatchObject({ Measurements: [], PagesIndex: 3, Count: 720, Pages: 3 });
  });

  it('serves physically consistent records over HTTP (solar, battery and plain devices)', async () => {
    const own = server.simulator.world.devices.filter(
      (d) => d.distributorId === server.simulator.accounts[0]?.distributorId && d.offlineSinceMs === null,
    );
    const picks = [
      ...own.filter((d) => d.battery && d.solarKwp > 0).slice(0, 2),
      ...own.filter((d) => !d.battery && d.solarKwp > 0).slice(0, 2),
      ...own.filter((d) => d.solarKwp === 0).slice(0, 2),
    ];
    expect(picks).toHaveLength(6);
    for (const device of picks) {
      const { records } = await fetchAll(device, '2024-06-20T00:00:00Z', '2024-06-23T00:00:00Z');
      expect(records).toHaveLength(3 * 288);
      expect(physicsProblems(device, records as MeasurementRecord[]).slice(0, 5)).toEqual([]);
    }
  });

  it('returns nothing after now', async () => {
    const { first, records } = await fetchAll(online, '2025-01-14T00:00:00Z', '2025-01-17T00:00:00Z');
    expect(first.Pages).toBe(3);
    const last = Date.parse(records.at(-1).RecordDateTime);
    expect(last).toBe(Math.floor(NOW / 300_000) * 300_000);
    expect(first.Count).toBe(records.length);
    expect(records.length).toBe(288 + Math.floor((NOW - Date.UTC(2025, 0, 15)) / 300_000) + 1);
  });

  it('returns nothing after an offline device’s last update', async () => {
    const since = offline.offlineSinceMs as number;
    const { first, records } = await fetchAll(offline, iso(since - DAY), iso(NOW));
    expect(records.length).toBeGreaterThan(0);
    expect(Date.parse(records.at(-1).RecordDateTime)).toBe(since);
    expect(first.Count).toBe(records.length);
  });

  it('answers an empty range with no pages', async () => {
    const body = (
      await api.measurements(token, {
        DeviceID: online.id,
        FromUTCDate: '2025-01-10T00:00:00Z',
        ToUTCDate: '2025-01-10T00:00:00Z',
      })
    ).body;
    expect(body).toMatchObject({ Measurements: [], Count: 0, Pages: 0 });
  });

  it('validated every response against the OpenAPI description', () => {
    expect(validated.count).toBeGreaterThan(20);
  });
});

describe('options', () => {
  it('adds hostile fixtures only when asked', async () => {
    const server = await listen({ seed: 2, hostileFixtures: true, now: () => NOW });
    try {
      const api = new ContractClient(server.url);
      const token = (await api.login()).access_token;
      const list = (await api.request('GET', '/ctapi/Customer?customerRequest.pageSize=500', { token })).body
        .CustomerList;
      const hostile = list.find((c: { FirstName: string }) => c.FirstName === HOSTILE_MARKUP[0]);
      expect(hostile.LastName).toBe(HOSTILE_MARKUP[1]);
      expect(hostile.Location).toContain(HOSTILE_MARKUP[0]);
      const device = (await api.devices(token, { DeviceID: hostile.Devices[0] })).body.Devices[0];
      expect(device.DeviceName).toContain(HOSTILE_MARKUP[0]);
      expect(device.DeviceName).toContain(HOSTILE_MARKUP[1]);
    } finally {
      await server.close();
    }
    const plain = await listen({ seed: 2, now: () => NOW });
    expect(plain.simulator.world.customers.some((c) => c.FirstName.includes('<'))).toBe(false);
    await plain.close();
  });

  it('sends CORS headers only for configured origins', async () => {
    const origin = 'http://localhost:5173';
    const plain = await listen({ seed: 2 });
    const withCors = await listen({ seed: 2, cors: [origin] });
    try {
      const preflight = await fetch(`${withCors.url}/ctapi/Measurement`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      const denied = await fetch(`${plain.url}/ctapi/Distributor`, { headers: { origin } });
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      await denied.text();
    } finally {
      await plain.close();
      await withCors.close();
    }
  });

  it('CORS "*" allows any origin', async () => {
    const any = await listen({ seed: 2, cors: ['*'] });
    try {
      const response = await fetch(`${any.url}/ctapi/Distributor`, { headers: { origin: 'http://elsewhere.test' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      await response.text();
    } finally {
      await any.close();
    }
  });

  it('rejects out-of-range options by name', async () => {
    await expect(listen({ faultRate: 2 })).rejects.toThrow(/faultRate/);
  });
});
