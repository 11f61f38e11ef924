// Lays out a world (which distributor owns which customers, which customer which devices) and builds
// its records on demand. Only the layout is held: a customer's first device index and a device's
// offline time (offline devices only), about 5 bytes a device; recently built records are kept in small caches.
import { Random, streamSeed } from './random.js';
import {
  type CustomerRecord,
  type DeviceRecord,
  type DistributorRecord,
  type IndexRange,
  MAX_WORLD_DEVICES,
  type World,
  type WorldSize,
} from './world.js';
import {
  customerDeviceCount,
  customerIndexOfRef,
  deviceIdOf,
  deviceIndexOfId,
  deviceOfflineSince,
  type GeneratedCustomer,
  generateCustomer,
  generateDevice,
} from './world-records.js';

const FIVE_MINUTES_MS = 300_000;
const DEFAULT_CUSTOMERS = [240, 120] as const;
const CACHE_SIZE = 4096;

/**
 * Generates the world for `seed`. `nowMs` only anchors when offline devices stopped reporting
 * (hours to days before the simulator was created).
 */
export function generateWorld(seed: number, nowMs: number, size: WorldSize = {}): World {
  const { devices: deviceTarget, hostileFixtures = false } = size;
  if (
    deviceTarget !== undefined &&
    (!Number.isInteger(deviceTarget) || deviceTarget < 2 || deviceTarget > MAX_WORLD_DEVICES)
  ) {
    throw new RangeError(`devices must be an integer from 2 to ${MAX_WORLD_DEVICES}, got ${String(deviceTarget)}`);
  }
  const rng = new Random(streamSeed(seed, 'world'));
  const distributors: readonly DistributorRecord[] = Object.freeze([
    Object.freeze({ ID: rng.uuid(), UserName: 'demo' }),
    Object.freeze({ ID: rng.uuid(), UserName: 'demo2' }),
  ]);
  const currencyId = rng.uuid();
  const latestBoundary = Math.floor(nowMs / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;

  // Customer c owns devices [firstDevice[c], firstDevice[c + 1]).
  const firstDevice: number[] = [0];
  const customerRanges: IndexRange[] = [];
  const deviceRanges: IndexRange[] = [];
  let hostileCustomer = -1;
  const addCustomer = (maxDevices: number) => {
    const count = Math.min(maxDevices, customerDeviceCount(seed, firstDevice.length - 1));
    firstDevice.push((firstDevice[firstDevice.length - 1] as number) + count);
  };
  const perDistributor = deviceTarget === undefined ? undefined : [Math.ceil((deviceTarget * 2) / 3), 0];
  if (perDistributor && deviceTarget !== undefined) perDistributor[1] = deviceTarget - (perDistributor[0] as number);
  distributors.forEach((_, d) => {
    const firstCustomer = firstDevice.length - 1;
    const firstOwnDevice = firstDevice[firstCustomer] as number;
    const wanted = perDistributor?.[d];
    if (wanted === undefined) {
      for (let i = 0; i < DEFAULT_CUSTOMERS[d as 0 | 1]; i++) addCustomer(3);
    } else {
      while ((firstDevice[firstDevice.length - 1] as number) - firstOwnDevice < wanted) {
        addCustomer(wanted - ((firstDevice[firstDevice.length - 1] as number) - firstOwnDevice));
      }
    }
    // The hostile customer is distributor A's last, so A's devices stay one range.
    if (d === 0 && hostileFixtures) {
      hostileCustomer = firstDevice.length - 1;
      addCustomer(3);
    }
    customerRanges.push({ first: firstCustomer, end: firstDevice.length - 1 });
    deviceRanges.push({ first: firstOwnDevice, end: firstDevice[firstDevice.length - 1] as number });
  });
  const customerCount = firstDevice.length - 1;
  const deviceCount = firstDevice[customerCount] as number;
  const customerStarts = Uint32Array.from(firstDevice);
  // The offline devices alone (about one in ten), in index order, with when they stopped.
  const offlineIndex: number[] = [];
  const offlineTime: number[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const since = deviceOfflineSince(seed, i, latestBoundary);
    if (since === null) continue;
    offlineIndex.push(i);
    offlineTime.push(since);
  }
  const offlineIndexes = Int32Array.from(offlineIndex);
  const offlineSince = Float64Array.from(offlineTime);
  /** Position of the first offline device at or after `index`. */
  const offlineAtOrAfter = (index: number): number => {
    let low = 0;
    let high = offlineIndexes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((offlineIndexes[mid] as number) < index) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  const distributorOf = (customerIndex: number): DistributorRecord =>
    distributors[customerIndex < (customerRanges[0] as IndexRange).end ? 0 : 1] as DistributorRecord;
  const customerOfDevice = (deviceIndex: number): number => {
    let low = 0;
    let high = customerCount - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((customerStarts[mid] as number) <= deviceIndex) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const customers = new BoundedCache<GeneratedCustomer>(CACHE_SIZE);
  const devices = new BoundedCache<DeviceRecord>(CACHE_SIZE);
  const buildCustomer = (index: number): GeneratedCustomer =>
    customers.get(index, () => {
      const deviceIds: string[] = [];
      for (let d = customerStarts[index] as number; d < (customerStarts[index + 1] as number); d++) {
        deviceIds.push(deviceIdOf(seed, d));
      }
      return generateCustomer(index, {
        seed,
        distributorId: distributorOf(index).ID,
        currencyId,
        hostile: index === hostileCustomer,
        deviceIds,
      });
    });
  const device = (index: number): DeviceRecord => {
    assertIndex(index, deviceCount, 'device');
    return devices.get(index, () => {
      const owner = customerOfDevice(index);
      return generateDevice(seed, index, buildCustomer(owner), latestBoundary, owner === hostileCustomer);
    });
  };
  const customer = (index: number): CustomerRecord => {
    assertIndex(index, customerCount, 'customer');
    return buildCustomer(index).record;
  };
  const findDevice = (id: string): DeviceRecord | undefined => {
    const index = deviceIndexOfId(id);
    if (index < 0 || index >= deviceCount || deviceIdOf(seed, index) !== id) return undefined;
    return device(index);
  };
  const rangeOf = (ranges: readonly IndexRange[], distributorId: string): IndexRange => {
    const index = distributors.findIndex((d) => d.ID.toLowerCase() === distributorId.toLowerCase());
    return ranges[index] ?? { first: 0, end: 0 };
  };
  let allDevices: readonly DeviceRecord[] | undefined;
  let allCustomers: readonly CustomerRecord[] | undefined;

  return Object.freeze({
    distributors,
    deviceCount,
    customerCount,
    device,
    customer,
    deviceRange: (distributorId: string) => rangeOf(deviceRanges, distributorId),
    customerRange: (distributorId: string) => rangeOf(customerRanges, distributorId),
    devicesOfCustomer: (index: number) => {
      assertIndex(index, customerCount, 'customer');
      return { first: customerStarts[index] as number, end: customerStarts[index + 1] as number };
    },
    customerByRef: (ref: string) => {
      const index = customerIndexOfRef(ref);
      if (index < 0 || index >= customerCount) return undefined;
      const record = customer(index);
      return record.AccountNumber.toLowerCase() === ref.trim().toLowerCase() ? { index, record } : undefined;
    },
    offlineSinceMs: (index: number) => {
      assertIndex(index, deviceCount, 'device');
      const at = offlineAtOrAfter(index);
      return offlineIndexes[at] === index ? (offlineSince[at] as number) : null;
    },
    offlineIn: (range: IndexRange) => offlineSince.subarray(offlineAtOrAfter(range.first), offlineAtOrAfter(range.end)),
    deviceById: Object.freeze({ get: findDevice, has: (id: string) => findDevice(id) !== undefined }),
    get devices() {
      allDevices ??= Object.freeze(Array.from({ length: deviceCount }, (_, i) => device(i)));
      return allDevices;
    },
    get customers() {
      allCustomers ??= Object.freeze(Array.from({ length: customerCount }, (_, i) => customer(i)));
      return allCustomers;
    },
  });
}

function assertIndex(index: number, count: number, what: string): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`${what} index must be an integer from 0 to ${count - 1}, got ${String(index)}`);
  }
}

/** The most recently built records, dropping the oldest past `capacity` (a Map keeps insertion order). */
class BoundedCache<T> {
  private readonly entries = new Map<number, T>();

  constructor(private readonly capacity: number) {}

  get(key: number, build: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = build();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as number);
    this.entries.set(key, value);
    return value;
  }
}
