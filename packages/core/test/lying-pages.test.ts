import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUCCESS_FIELDS } from '@carbontrack/api';
import { createSimulator } from '@carbontrack/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createCarbonTrackClient, MalformedResponseError } from '../src/index.js';

// An upstream that lies about its pages, over real HTTP. Real records come from the simulator's
// generator (in process); the server below serves them in whatever shape each test asks for.
const NOW = Date.UTC(2026, 2, 4, 12);
const DAY = 86_400_000;
const simulator = createSimulator({ seed: 8, now: () => NOW });
const device = simulator.world.devices.find((d) => d.offlineSinceMs === null && d.isRegistered) as { id: string };
const FROM = NOW - 3 * DAY;

type Record_ = Record<string, string>;

/** The simulator's own records of [from, to), as the API sends them. */
async function realRecords(from: number, to: number): Promise<Record_[]> {
  const token = await simulator(
    new Request('http://sim/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo&password=demo',
    }),
  ).then((r) => r.json() as Promise<{ access_token: string }>);
  const records: Record_[] = [];
  for (let page = 0; ; page++) {
    const body = await simulator(
      new Request('http://sim/ctapi/Measurement', {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          DeviceID: device.id,
          FromUTCDate: new Date(from).toISOString(),
          ToUTCDate: new Date(to).toISOString(),
          PageIndex: page,
        }),
      }),
    ).then((r) => r.json() as Promise<{ Measurements: Record_[]; Pages: number }>);
    records.push(...body.Measurements);
    if (page + 1 >= body.Pages) return records;
  }
}

interface Asked {
  path: string;
  body: { PageIndex?: number; FromUTCDate?: string; ToUTCDate?: string };
  query: URLSearchParams;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves `answer(asked)` as JSON for every request; counts them. */
async function lyingUpstream(answer: (asked: Asked) => unknown): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  server = createServer(async (req: IncomingMessage, res) => {
    count++;
    let text = '';
    for await (const chunk of req) text += chunk;
    const url = new URL(req.url ?? '/', 'http://x');
    const asked = { path: url.pathname, body: text ? JSON.parse(text) : {}, query: url.searchParams };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(asked)));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => count };
}

const client = (url: string) =>
  createCarbonTrackClient({ baseUrl: url, auth: 'none', retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });

const page = (records: Record_[], extra: object) => ({
  Measurements: records,
  Count: records.length,
  ...extra,
  ...SUCCESS_FIELDS,
});

describe('pages that lie', () => {
  it('Pages: 1,000,000,000 with records on every page ends at the page budget, with a typed error', async () => {
    const day = await realRecords(FROM, FROM + DAY);
    const upstream = await lyingUpstream((asked) =>
      // Fresh records on every page (other IDs), so only the budget can stop it.
      page(
        day.map((r) => ({
          ...r,
          ID: `${(r.ID as string).slice(0, -6)}${String(asked.body.PageIndex).padStart(6, '0')}`,
        })),
        { Pages: 1_000_000_000, PagesIndex: asked.body.PageIndex },
      ),
    );
    const error = await client(upstream.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(String(error)).toMatch(/maxPages \(2\)/);
    expect(upstream.requests()).toBe(2);
  });

  it('a page that repeats the previous one (PagesIndex echoed right) is an error, not half the records', async () => {
    const day = await realRecords(FROM, FROM + DAY);
    const upstream = await lyingUpstream((asked) => page(day, { Pages: 2, PagesIndex: asked.body.PageIndex }));
    const error = await client(upstream.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(String(error)).toMatch(/page 1 repeats page 0/);
  });

  it('a wrong PagesIndex echo is fetched again, then refused', async () => {
    const day = await realRecords(FROM, FROM + DAY);
    let wrongOnce = true;
    const flaky = await lyingUpstream((asked) => {
      const index = asked.body.PageIndex ?? 0;
      // Page 1 is first answered as page 0 (a cache in front of the API), then right.
      if (index === 1 && wrongOnce) {
        wrongOnce = false;
        return page(day.slice(0, 144), { Pages: 2, PagesIndex: 0 });
      }
      return page(index === 0 ? day.slice(0, 144) : day.slice(144), { Pages: 2, PagesIndex: index });
    });
    const series = await client(flaky.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect();
    expect(series.length).toBe(288);
    expect(series.issues).toEqual([]);
    expect(flaky.requests()).toBe(3);
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    const stuck = await lyingUpstream(() => page(day.slice(0, 144), { Pages: 2, PagesIndex: 0 }));
    const error = await client(stuck.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(String(error)).toMatch(/says it is page 0 \(PagesIndex\)/);
    // Page 0, then page 1 three times (the attempt budget).
    expect(stuck.requests()).toBe(4);
  });

  it('reads "Pages": "2" sent as a string, and loses no page', async () => {
    const day = await realRecords(FROM, FROM + DAY);
    const upstream = await lyingUpstream((asked) => {
      const index = asked.body.PageIndex ?? 0;
      return page(index === 0 ? day.slice(0, 100) : day.slice(100), { Pages: '2', PagesIndex: String(index) });
    });
    const series = await client(upstream.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect();
    expect(series.length).toBe(288);
    expect(series.issues).toEqual([]);
  });

  it('clips records outside [from, to), sorts, drops repeated instants, and lists every repair', async () => {
    const three = await realRecords(FROM - DAY, FROM + 2 * DAY);
    const inRange = three.filter(
      (r) => Date.parse(r.RecordDateTime as string) >= FROM && Date.parse(r.RecordDateTime as string) < FROM + DAY,
    );
    const before = three[0] as Record_;
    const after = three[three.length - 1] as Record_;
    const shuffled = [...inRange];
    [shuffled[10], shuffled[20]] = [shuffled[20] as Record_, shuffled[10] as Record_];
    const sameInstant = { ...(inRange[50] as Record_), ID: '00000000-0000-4000-8000-000000000001' };
    const conflicting = {
      ...(inRange[60] as Record_),
      ID: '00000000-0000-4000-8000-000000000002',
      PowerUsage: '9,999.00',
    };
    const upstream = await lyingUpstream(() =>
      page([before, ...shuffled, sameInstant, conflicting, after], { Pages: 1, PagesIndex: 0 }),
    );
    const series = await client(upstream.url)
      .measurements({ deviceId: device.id, from: FROM, to: FROM + DAY })
      .collect();
    expect(series.length).toBe(288);
    const times = Array.from(series.time);
    expect(times).toEqual(inRange.map((r) => Date.parse(r.RecordDateTime as string)));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
    expect(series.columns.PowerUsage[60]).not.toBe(9999);
    const reasons = series.issues.map((issue) => issue.reason).sort();
    // A swap moves two records.
    expect(reasons).toEqual([
      'conflicting-duplicate',
      'duplicate-time',
      'out-of-order',
      'out-of-order',
      'outside-range',
      'outside-range',
    ]);
    expect(series.issues.find((i) => i.reason === 'conflicting-duplicate')?.value).toBe(
      new Date(Date.parse((inRange[60] as Record_).RecordDateTime as string)).toISOString(),
    );
  });

  it('customers with RecordCount 1e9: a repeated page stops at once, fresh pages at maxPages', async () => {
    const customers = simulator.world.customers.slice(0, 5);
    const repeating = await lyingUpstream(() => ({ CustomerList: customers, RecordCount: 1e9 }));
    const repeated = await client(repeating.url)
      .customers({ pageSize: 5 })
      .collect()
      .catch((e: unknown) => e);
    expect(repeated).toBeInstanceOf(MalformedResponseError);
    expect(String(repeated)).toMatch(/page 1 repeats page 0/);
    expect(repeating.requests()).toBe(2);
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    let n = 0;
    const endless = await lyingUpstream(() => ({
      CustomerList: customers.map((c) => ({ ...c, CustomerId: `c-${n++}` })),
      RecordCount: '1000000000',
    }));
    const listed: unknown[] = [];
    const error = await (async () => {
      for await (const customer of client(endless.url).customers({ pageSize: 5, maxPages: 7 })) listed.push(customer);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(String(error)).toMatch(/maxPages \(7\)/);
    expect(endless.requests()).toBe(7);
    expect(listed.length).toBe(35);
  });

  it('devices: Pages as a string is read, a wrong PagesIndex echo is refused', async () => {
    const devices = simulator.world.devices.slice(0, 4).map((d) => ({ DeviceID: d.id }));
    const paged = await lyingUpstream((asked) => {
      const index = asked.body.PageIndex ?? 0;
      return { Devices: devices.slice(index * 2, index * 2 + 2), Pages: '2', PagesIndex: index, ...SUCCESS_FIELDS };
    });
    expect((await client(paged.url).devices().collect()).map((d) => d.DeviceID)).toEqual(
      devices.map((d) => d.DeviceID),
    );
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    const stuck = await lyingUpstream(() => ({
      Devices: devices.slice(0, 2),
      Pages: 2,
      PagesIndex: 0,
      ...SUCCESS_FIELDS,
    }));
    const error = await client(stuck.url)
      .devices()
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(String(error)).toMatch(/says it is page 0/);
  });
});
