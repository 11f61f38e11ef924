// The generated world: two distributors, their customers and the customers' devices. Generated
// once per simulator from the seed; measurements are not part of it (they are computed on demand).
import { CITIES, CITY_WEIGHTS, type City, FIRST_NAMES, LAST_NAMES, STREETS, TIMEZONES } from './australia.js';
import { Random, streamSeed } from './random.js';

/** A distributor, as GET /ctapi/Distributor returns it. */
export interface DistributorRecord {
  /** Distributor ID (UUID). */
  readonly ID: string;
  /** Login name of the distributor's demo account. */
  readonly UserName: string;
}

/** A customer, exactly as GET /ctapi/Customer returns it (fields as in CarbonTrack.Data.CustomerDevicesModel). */
export interface CustomerRecord {
  readonly Devices: readonly string[];
  readonly CustomerId: string;
  readonly FirstName: string;
  readonly LastName: string;
  readonly Email: string;
  readonly UserId: string;
  readonly AccountNumber: string;
  readonly UserName: string;
  readonly Mobile: string;
  readonly DayTimeContact: string;
  readonly Location: string;
  readonly DateOfBirth: string;
  readonly DistributorId: string;
  readonly CurrencyId: string;
  readonly TimezoneId: number;
  readonly IsMetricsUnit: boolean;
  readonly WorkContact: string;
}

/** A controllable output of a device. */
export interface DeviceControl {
  readonly ControlId: number;
  readonly ControlType: 'Relay' | 'HotWater' | 'AirCon';
  readonly IsSwitchEnabled: boolean;
  readonly Status: boolean;
}

/** A home battery. */
export interface BatterySpec {
  /** Usable capacity in kWh. */
  readonly capacityKwh: number;
  /** Largest charge or discharge power in W. */
  readonly maxRateW: number;
}

/** Parameters of a household's consumption (see household-model.ts). */
export interface HouseholdProfile {
  /** Overnight base load in W. */
  readonly baseW: number;
  /** Height of the morning peak in W. */
  readonly morningW: number;
  /** Height of the evening peak in W. */
  readonly eveningW: number;
  /** Air-conditioning power on a hot afternoon in W (0 without air-con). */
  readonly airConW: number;
}

/** A device with everything needed to describe it and to compute its measurements. */
export interface DeviceRecord {
  /** 16-digit device ID. */
  readonly id: string;
  readonly name: string;
  /** AccountNumber of the owning customer. */
  readonly customerRef: string;
  readonly distributorId: string;
  /** City name (weather location and shared cloud cover). */
  readonly city: string;
  readonly latitude: number;
  readonly longitude: number;
  /** Key of TIMEZONES. */
  readonly timezoneId: number;
  /** IANA zone of timezoneId. */
  readonly timeZone: string;
  readonly firmwareVersion: string;
  readonly ipAddress: string;
  readonly isRegistered: boolean;
  /** Solar system size in kWp; 0 without an inverter. */
  readonly solarKwp: number;
  readonly battery: BatterySpec | null;
  readonly controls: readonly DeviceControl[];
  /** Epoch ms of the last report of an offline device; null for online devices. */
  readonly offlineSinceMs: number | null;
  readonly household: HouseholdProfile;
  /** Constant part of this device's supply voltage offset from 240 V. */
  readonly voltageOffset: number;
  /** Typical signal strength in dBm. */
  readonly signalDbm: number;
  /** Seed of this device's noise streams. */
  readonly noiseSeed: number;
  /** Seed of the city's cloud cover, shared by neighbours. */
  readonly cloudSeed: number;
}

/** The generated, read-only world of one simulator. */
export interface World {
  /** Distributor A (account demo) then B (account demo2). */
  readonly distributors: readonly DistributorRecord[];
  readonly customers: readonly CustomerRecord[];
  readonly devices: readonly DeviceRecord[];
  readonly deviceById: ReadonlyMap<string, DeviceRecord>;
}

/** The markup the hostile fixtures carry, for XSS tests of UIs. */
export const HOSTILE_MARKUP = ['<img src=x onerror=alert(1)>', '"quotes" & <b>tags</b>'] as const;

const FIVE_MINUTES_MS = 300_000;
const CUSTOMERS_PER_DISTRIBUTOR = [240, 120] as const;
const FIRMWARE = ['4.2.1', '4.2.3', '4.3.0', '5.0.2'] as const;
const CONTROL_TYPES = ['Relay', 'HotWater', 'AirCon'] as const;
const DEVICE_KINDS = ['home', 'solar', 'solar + battery', 'granny flat', 'shed', 'main board'] as const;

/**
 * Generates the world for `seed`. `nowMs` only anchors when offline devices stopped reporting
 * (hours to days before the simulator was created).
 */
export function generateWorld(seed: number, nowMs: number, hostileFixtures: boolean): World {
  const rng = new Random(streamSeed(seed, 'world'));
  const distributors: DistributorRecord[] = [
    { ID: rng.uuid(), UserName: 'demo' },
    { ID: rng.uuid(), UserName: 'demo2' },
  ];
  const currencyId = rng.uuid();
  const customers: CustomerRecord[] = [];
  const devices: DeviceRecord[] = [];
  const usedIds = new Set<string>();
  const latestBoundary = Math.floor(nowMs / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
  let accountNumber = 100_000;

  const addCustomer = (distributorId: string, hostile: boolean) => {
    accountNumber += rng.int(1, 9);
    const city = CITIES[rng.pick(CITY_WEIGHTS)] as City;
    const place = rng.pick(city.suburbs);
    const first = hostile ? HOSTILE_MARKUP[0] : rng.pick(FIRST_NAMES);
    const last = hostile ? HOSTILE_MARKUP[1] : rng.pick(LAST_NAMES);
    const login = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    const userName = `${login}${rng.int(1, 99)}`;
    const street = hostile ? `${HOSTILE_MARKUP[0]} ${HOSTILE_MARKUP[1]}` : rng.pick(STREETS);
    const location = `${rng.int(1, 240)} ${street}, ${place.name} ${city.state} ${place.postcode}`;
    const mobile = `04${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`;
    const landline = `(0${city.areaCode}) ${digits(rng, 4)} ${digits(rng, 4)}`;
    const ref = `CT-${accountNumber}`;
    const deviceIds: string[] = [];
    const deviceCount = rng.int(1, 3);
    for (let i = 0; i < deviceCount; i++) {
      const device = makeDevice(rng, seed, usedIds, {
        city,
        place,
        ref,
        distributorId,
        latestBoundary,
        name: hostile ? `${HOSTILE_MARKUP[0]} ${HOSTILE_MARKUP[1]}` : `${place.name} ${rng.pick(DEVICE_KINDS)}`,
      });
      devices.push(device);
      deviceIds.push(device.id);
    }
    const customerId = rng.uuid();
    const userId = rng.uuid();
    customers.push(
      Object.freeze({
        Devices: Object.freeze(deviceIds),
        CustomerId: customerId,
        FirstName: first,
        LastName: last,
        Email: `${userName}@example.com.au`,
        UserId: userId,
        AccountNumber: ref,
        UserName: userName,
        Mobile: mobile,
        DayTimeContact: rng.chance(0.5) ? mobile : landline,
        Location: location,
        DateOfBirth: `${rng.int(1940, 2002)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`,
        DistributorId: distributorId,
        CurrencyId: currencyId,
        TimezoneId: city.timezoneId,
        IsMetricsUnit: true,
        WorkContact: rng.chance(0.6) ? landline : '',
      }),
    );
  };

  distributors.forEach((distributor, index) => {
    const count = CUSTOMERS_PER_DISTRIBUTOR[index as 0 | 1];
    for (let i = 0; i < count; i++) addCustomer(distributor.ID, false);
  });
  if (hostileFixtures) addCustomer((distributors[0] as DistributorRecord).ID, true);

  const frozenDevices = devices.map((device) => Object.freeze(device));
  return Object.freeze({
    distributors: Object.freeze(distributors.map((d) => Object.freeze(d))),
    customers: Object.freeze(customers),
    devices: Object.freeze(frozenDevices),
    deviceById: new Map(frozenDevices.map((device) => [device.id, device])),
  });
}

interface DevicePlacement {
  city: City;
  place: City['suburbs'][number];
  ref: string;
  distributorId: string;
  latestBoundary: number;
  name: string;
}

function makeDevice(rng: Random, seed: number, usedIds: Set<string>, at: DevicePlacement): DeviceRecord {
  let id: string;
  do {
    id = `${rng.int(1, 9)}${digits(rng, 15)}`;
  } while (usedIds.has(id));
  usedIds.add(id);
  const hasSolar = rng.chance(0.75);
  const battery = rng.chance(0.3)
    ? { capacityKwh: rng.pick([5, 9.8, 10, 13.5]), maxRateW: rng.pick([3300, 5000]) }
    : null;
  const pool: DeviceControl['ControlType'][] = [...CONTROL_TYPES];
  const controlTypes = Array.from({ length: rng.int(0, 2) }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  const offline = rng.chance(0.1);
  const lagMs = rng.int(2 * 12, 5 * 24 * 12) * FIVE_MINUTES_MS;
  const timeZone = TIMEZONES[at.city.timezoneId] as string;
  return {
    id,
    name: nameFor(at.name, hasSolar, battery !== null),
    customerRef: at.ref,
    distributorId: at.distributorId,
    city: at.city.name,
    latitude: round4(at.place.latitude + rng.float(-0.01, 0.01)),
    longitude: round4(at.place.longitude + rng.float(-0.01, 0.01)),
    timezoneId: at.city.timezoneId,
    timeZone,
    firmwareVersion: rng.pick(FIRMWARE),
    ipAddress: `${rng.pick(['203.0.113', '198.51.100'])}.${rng.int(1, 254)}`,
    isRegistered: rng.chance(0.95),
    solarKwp: hasSolar ? Math.round(rng.float(3, 10) * 10) / 10 : 0,
    battery,
    controls: controlTypes.map((type, index) => ({
      ControlId: index + 1,
      ControlType: type ?? 'Relay',
      IsSwitchEnabled: rng.chance(0.9),
      Status: rng.chance(0.4),
    })),
    offlineSinceMs: offline ? at.latestBoundary - lagMs : null,
    household: {
      baseW: rng.int(150, 450),
      morningW: rng.int(500, 1500),
      eveningW: rng.int(900, 2500),
      airConW: controlTypes.includes('AirCon') || rng.chance(0.5) ? rng.int(1500, 3500) : 0,
    },
    voltageOffset: rng.float(-3, 3),
    signalDbm: rng.int(-88, -52),
    noiseSeed: streamSeed(seed, 'device', id),
    cloudSeed: streamSeed(seed, 'clouds', at.city.name),
  };
}

// A picked name kind must not promise hardware the device lacks ("solar" without panels).
function nameFor(picked: string, hasSolar: boolean, hasBattery: boolean): string {
  if (picked.endsWith(' solar + battery') || picked.endsWith(' solar')) {
    const place = picked.replace(/ solar( \+ battery)?$/, '');
    if (!hasSolar) return `${place} ${hasBattery ? 'battery' : 'home'}`;
    return `${place} ${hasBattery ? 'solar + battery' : 'solar'}`;
  }
  return picked;
}

function digits(rng: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
