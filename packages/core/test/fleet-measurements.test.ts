import { describe, expect, it } from 'vitest';
import {
  type FleetChunk,
  type FleetProgress,
  NotFoundError,
  PermissionError,
  parseFleetCursor,
  ValidationError,
} from '../src/index.js';
import { clientFor, DEMO2, startSimulator } from './simulator-fixture.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const FROM = Date.UTC(2025, 0, 10, 12);
const TO = Date.UTC(2025, 0, 12, 18);

/** A comparable picture of chunks: device, day and every record's time, ID and PowerUsage. */
function picture(chunks: readonly FleetChunk[]) {
  return chunks.map((c) => ({
    device: c.deviceId,
    day: c.day,
    from: c.from,
    to: c.to,
    times: [...c.series.time],
    ids: c.series.ids,
    usage: [...c.series.columns.PowerUsage],
    generating: [...c.series.columns.Generating],
  }));
}

async function readAll(iterable: AsyncIterable<FleetChunk>): Promise<FleetChunk[]> {
  const chunks: FleetChunk[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

describe('client.fleetMeasurements over a real simulator', async () => {
  const running = await startSimulator({ seed: 5, now: () => NOW, devices: 20 });
  const { world } = running.simulator;
  const distributorId = world.distributors[0]?.ID as string;
  const own = world.devices.filter((d) => d.distributorId === distributorId);
  const client = clientFor(running);

  it("reads a distributor's devices in ascending ID, each UTC day oldest first, each chunk what measurements() reads", async () => {
    const progress: FleetProgress[] = [];
    const chunks = await readAll(
      client.fleetMeasurements({ distributorId }, { from: FROM, to: TO, onProgress: (p) => progress.push(p) }),
    );
    const ids = own.map((d) => d.id).sort();
    expect(chunks.map((c) => `${c.deviceId} ${c.day}`)).toEqual(
      ids.flatMap((id) => ['2025-01-10', '2025-01-11', '2025-01-12'].map((day) => `${id} ${day}`)),
    );
    expect(chunks[0]?.from).toBe(FROM);
    expect(chunks[2]?.to).toBe(TO);
    for (const chunk of chunks.slice(0, 6)) {
      const alone = await client.measurements({ deviceId: chunk.deviceId, from: chunk.from, to: chunk.to }).collect();
      expect([...chunk.series.time]).toEqual([...alone.time]);
      expect([...chunk.series.columns.PowerUsage]).toEqual([...alone.columns.PowerUsage]);
    }
    const records = chunks.reduce((sum, c) => sum + c.series.length, 0);
    expect(records).toBeGreaterThan(0);
    const last = progress[progress.length - 1] as FleetProgress;
    expect(last).toMatchObject({ done: ids.length * 3, total: ids.length * 3, devices: ids.length, records });
    expect(progress[0]).toMatchObject({ done: 0, records: 0 });
    // An offline device's days after its last report are empty chunks, never invented records.
    for (const chunk of chunks) {
      const since = world.deviceById.get(chunk.deviceId)?.offlineSinceMs ?? null;
      if (since !== null) for (const t of chunk.series.time) expect(t).toBeLessThanOrEqual(since);
    }
  });

  it('reads listed devices in the order given, repeats dropped', async () => {
    const [a, b] = [own[3]?.id as string, own[1]?.id as string];
    const chunks = await readAll(client.fleetMeasurements({ deviceIds: [a, b, a] }, { from: FROM, to: TO }));
    expect(chunks.map((c) => c.deviceId)).toEqual([a, a, a, b, b, b]);
  });

  it('resumes from a cursor saved as JSON: the two runs together equal one run, no chunk twice', async () => {
    const query = { from: FROM, to: TO, maxConcurrency: 3 };
    const whole = await readAll(client.fleetMeasurements({ distributorId }, query));
    const first: FleetChunk[] = [];
    for await (const chunk of client.fleetMeasurements({ distributorId }, query)) {
      first.push(chunk);
      if (first.length === 17) break;
    }
    const saved = JSON.parse(JSON.stringify((first[first.length - 1] as FleetChunk).cursor));
    const progress: FleetProgress[] = [];
    const rest = await readAll(
      client.fleetMeasurements(
        { distributorId },
        { ...query, cursor: parseFleetCursor(saved), onProgress: (p) => progress.push(p) },
      ),
    );
    expect(picture([...first, ...rest])).toEqual(picture(whole));
    expect(progress[0]?.done).toBe(17);
    expect((rest[rest.length - 1] as FleetChunk).cursor.device).toBeNull();
    // A finished cursor reads nothing more.
    const after = await readAll(
      client.fleetMeasurements({ distributorId }, { ...query, cursor: (rest[rest.length - 1] as FleetChunk).cursor }),
    );
    expect(after).toEqual([]);
  });

  it('refuses a cursor of another read, and a malformed one, with a ValidationError naming the field', async () => {
    const chunks: FleetChunk[] = [];
    for await (const chunk of client.fleetMeasurements({ distributorId }, { from: FROM, to: TO })) {
      chunks.push(chunk);
      break;
    }
    const cursor = (chunks[0] as FleetChunk).cursor;
    await expect(
      readAll(client.fleetMeasurements({ distributorId }, { from: FROM, to: TO + 3_600_000, cursor })),
    ).rejects.toThrow(ValidationError);
    expect(() => parseFleetCursor({ ...cursor, day: -1 })).toThrow(/day/);
    expect(() => parseFleetCursor({ ...cursor, version: 2 })).toThrow(/version/);
    expect(() => parseFleetCursor('nope')).toThrow(ValidationError);
  });

  it('ends with the typed error for a device the account cannot see or that does not exist', async () => {
    const other = world.devices.find((d) => d.distributorId !== distributorId)?.id as string;
    await expect(
      readAll(client.fleetMeasurements({ deviceIds: [own[0]?.id as string, other] }, { from: FROM, to: TO })),
    ).rejects.toThrow(PermissionError);
    await expect(
      readAll(client.fleetMeasurements({ deviceIds: ['8999999000000000'] }, { from: FROM, to: TO })),
    ).rejects.toThrow(NotFoundError);
    expect(() => client.fleetMeasurements({ deviceIds: ['123'] }, { from: FROM, to: TO })).toThrow(ValidationError);
    expect(() => client.fleetMeasurements({ deviceIds: [] }, { from: FROM, to: TO })).toThrow(ValidationError);
    expect(() => client.fleetMeasurements({ distributorId }, { from: TO, to: FROM })).toThrow(ValidationError);
    const asB = clientFor(running, { credentials: DEMO2 });
    await expect(readAll(asB.fleetMeasurements({ distributorId }, { from: FROM, to: TO }))).rejects.toThrow(
      PermissionError,
    );
  });
});

describe('fleet reads under faults and rate limits', async () => {
  const clean = await startSimulator({ seed: 6, now: () => NOW, devices: 12 });
  const faulty = await startSimulator({ seed: 6, now: () => NOW, devices: 12, faultRate: 0.2 });
  // The token bucket refills by the simulator's clock, so this one runs: it stays within the same
  // five-minute boundary as NOW, so the worlds (offline devices) are the same.
  const started = performance.now();
  const limited = await startSimulator({
    seed: 6,
    now: () => NOW + (performance.now() - started),
    devices: 12,
    rateLimit: 8,
  });
  const distributorId = clean.simulator.world.distributors[0]?.ID as string;

  it('at 20 % injected faults (and their 429 bursts) reads exactly what a fault-free server gives', async () => {
    const expected = await readAll(clientFor(clean).fleetMeasurements({ distributorId }, { from: FROM, to: TO }));
    const progress: FleetProgress[] = [];
    const got = await readAll(
      clientFor(faulty, { timeoutMs: 2_000 }).fleetMeasurements(
        { distributorId },
        { from: FROM, to: TO, onProgress: (p) => progress.push(p) },
      ),
    );
    expect(picture(got)).toEqual(picture(expected));
    expect(Object.values(faulty.simulator.stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(progress[progress.length - 1]?.retries).toBeGreaterThan(0);
  });

  it('a requestsPerSecond cap under the quota meets no 429; without it the same read does', async () => {
    const expected = await readAll(clientFor(clean).fleetMeasurements({ distributorId }, { from: FROM, to: TO }));
    limited.simulator.resetStats();
    const capped = await readAll(
      clientFor(limited).fleetMeasurements({ distributorId }, { from: FROM, to: TO, requestsPerSecond: 6 }),
    );
    expect(picture(capped)).toEqual(picture(expected));
    expect(limited.simulator.stats.statuses['429'] ?? 0).toBe(0);

    limited.simulator.resetStats();
    const progress: FleetProgress[] = [];
    const uncapped = await readAll(
      clientFor(limited).fleetMeasurements(
        { distributorId },
        { from: FROM, to: TO, onProgress: (p) => progress.push(p) },
      ),
    );
    expect(picture(uncapped)).toEqual(picture(expected));
    expect(limited.simulator.stats.statuses['429'] ?? 0).toBeGreaterThan(0);
    expect(progress[progress.length - 1]?.retries).toBeGreaterThan(0);
  });
});
