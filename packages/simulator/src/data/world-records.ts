// The records of a generated world, each computed from the seed and its own index: a customer's or
// a device's randomness is its own stream, so any one of them can be built without the others.
import { CITIES, CITY_WEIGHTS, type City, FIRST_NAMES, LAST_NAMES, STREETS, TIMEZONES } from './australia.js';
import { Random, streamSeed } from './random.js';
import { type CustomerRecord, type DeviceControl, type DeviceRecord, HOSTILE_MARKUP } from './world.js';

const FIVE_MINUTES_MS = 300_000;
const FIRMWARE = ['4.2.1', '4.2.3', '4.3.0', '5.0.2'] as const;
const CONTROL_TYPES = ['Relay', 'HotWater', 'AirCon'] as const;
const DEVICE_KINDS = ['home', 'solar', 'solar + battery', 'granny flat', 'shed', 'main board'] as const;
const FIRST_ACCOUNT_NUMBER = 100_001;

/** What a customer's record is built from, besides its index. */
export interface CustomerContext {
  readonly seed: number;
  readonly distributorId: string;
  readonly currencyId: string;
  readonly hostile: boolean;
  /** IDs of the customer's devices. */
  readonly deviceIds: readonly string[];
}

/** A customer with the parts of it its devices inherit. */
export interface GeneratedCustomer {
  readonly record: CustomerRecord;
  readonly city: City;
  readonly place: City['suburbs'][number];
}

/** How many devices customer `index` has (1 to 3): the first draw of its stream. */
export function customerDeviceCount(seed: number, index: number): number {
  return customerStream(seed, index).int(1, 3);
}

/** The AccountNumber of customer `index`: increasing with the index, with small random gaps. */
function accountNumber(index: number, rng: Random): number {
  return FIRST_ACCOUNT_NUMBER + 3 * index + rng.int(0, 2);
}

/** The customer index an AccountNumber (`CT-123456`) can belong to, or -1. */
export function customerIndexOfRef(ref: string): number {
  const match = /^ct-(\d{6,7})$/i.exec(ref.trim());
  if (!match) return -1;
  return Math.floor((Number(match[1]) - FIRST_ACCOUNT_NUMBER) / 3);
}

/** Builds customer `index`. */
export function generateCustomer(index: number, at: CustomerContext): GeneratedCustomer {
  const rng = customerStream(at.seed, index);
  rng.int(1, 3); // the device count, read by customerDeviceCount
  const ref = `CT-${accountNumber(index, rng)}`;
  const city = CITIES[rng.pick(CITY_WEIGHTS)] as City;
  const place = rng.pick(city.suburbs);
  const first = at.hostile ? HOSTILE_MARKUP[0] : rng.pick(FIRST_NAMES);
  const last = at.hostile ? HOSTILE_MARKUP[1] : rng.pick(LAST_NAMES);
  const login = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  const userName = `${login}${rng.int(1, 99)}`;
  const street = at.hostile ? `${HOSTILE_MARKUP[0]} ${HOSTILE_MARKUP[1]}` : rng.pick(STREETS);
  const location = `${rng.int(1, 240)} ${street}, ${place.name} ${city.state} ${place.postcode}`;
  const mobile = `04${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`;
  const landline = `(0${city.areaCode}) ${digits(rng, 4)} ${digits(rng, 4)}`;
  const record: CustomerRecord = Object.freeze({
    Devices: Object.freeze([...at.deviceIds]),
    CustomerId: rng.uuid(),
    FirstName: first,
    LastName: last,
    Email: `${userName}@example.com.au`,
    UserId: rng.uuid(),
    AccountNumber: ref,
    UserName: userName,
    Mobile: mobile,
    DayTimeContact: rng.chance(0.5) ? mobile : landline,
    Location: location,
    DateOfBirth: `${rng.int(1940, 2002)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`,
    DistributorId: at.distributorId,
    CurrencyId: at.currencyId,
    TimezoneId: city.timezoneId,
    IsMetricsUnit: true,
    WorkContact: rng.chance(0.6) ? landline : '',
  });
  return { record, city, place };
}

/**
 * When device `index` stopped reporting, or null when it is online: the first draws of its stream,
 * anchored `latestBoundary` (the five-minute boundary at or before the world's creation).
 */
export function deviceOfflineSince(seed: number, index: number, latestBoundary: number): number | null {
  const rng = deviceStream(seed, index);
  return offlineSince(rng, latestBoundary);
}

function offlineSince(rng: Random, latestBoundary: number): number | null {
  const offline = rng.chance(0.1);
  const lagMs = rng.int(2 * 12, 5 * 24 * 12) * FIVE_MINUTES_MS;
  return offline ? latestBoundary - lagMs : null;
}

/**
 * The ID of device `index`: a leading 8, the index in six digits, nine seeded digits. IDs grow with
 * the index, so a distributor's devices in index order are in ascending ID order.
 */
export function deviceIdOf(seed: number, index: number): string {
  const rng = deviceStream(seed, index);
  offlineSince(rng, 0);
  return idDigits(rng, index);
}

function idDigits(rng: Random, index: number): string {
  return `8${String(index).padStart(6, '0')}${digits(rng, 9)}`;
}

/** The device index a 16-digit ID can belong to, or -1. */
export function deviceIndexOfId(id: string): number {
  return /^8\d{15}$/.test(id) ? Number(id.slice(1, 7)) : -1;
}

/** Builds device `index` of `owner`. */
export function generateDevice(
  seed: number,
  index: number,
  owner: GeneratedCustomer,
  latestBoundary: number,
  hostile: boolean,
): DeviceRecord {
  const rng = deviceStream(seed, index);
  const offlineSinceMs = offlineSince(rng, latestBoundary);
  const id = idDigits(rng, index);
  const { city, place } = owner;
  const picked = hostile ? `${HOSTILE_MARKUP[0]} ${HOSTILE_MARKUP[1]}` : `${place.name} ${rng.pick(DEVICE_KINDS)}`;
  const hasSolar = rng.chance(0.75);
  const battery = rng.chance(0.3)
    ? { capacityKwh: rng.pick([5, 9.8, 10, 13.5]), maxRateW: rng.pick([3300, 5000]) }
    : null;
  const pool: DeviceControl['ControlType'][] = [...CONTROL_TYPES];
  const controlTypes = Array.from({ length: rng.int(0, 2) }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return Object.freeze({
    id,
    name: nameFor(picked, hasSolar, battery !== null),
    customerRef: owner.record.AccountNumber,
    distributorId: owner.record.DistributorId,
    city: city.name,
    latitude: round4(place.latitude + rng.float(-0.01, 0.01)),
    longitude: round4(place.longitude + rng.float(-0.01, 0.01)),
    timezoneId: city.timezoneId,
    timeZone: TIMEZONES[city.timezoneId] as string,
    firmwareVersion: rng.pick(FIRMWARE),
    ipAddress: `${rng.pick(['203.0.113', '198.51.100'])}.${rng.int(1, 254)}`,
    isRegistered: rng.chance(0.95),
    solarKwp: hasSolar ? Math.round(rng.float(3, 10) * 10) / 10 : 0,
    battery,
    controls: controlTypes.map((type, controlIndex) => ({
      ControlId: controlIndex + 1,
      ControlType: type ?? 'Relay',
      IsSwitchEnabled: rng.chance(0.9),
      Status: rng.chance(0.4),
    })),
    offlineSinceMs,
    household: {
      baseW: rng.int(150, 450),
      morningW: rng.int(500, 1500),
      eveningW: rng.int(900, 2500),
      airConW: controlTypes.includes('AirCon') || rng.chance(0.5) ? rng.int(1500, 3500) : 0,
    },
    voltageOffset: rng.float(-3, 3),
    signalDbm: rng.int(-88, -52),
    noiseSeed: streamSeed(seed, 'device', id),
    cloudSeed: streamSeed(seed, 'clouds', city.name),
  });
}

function customerStream(seed: number, index: number): Random {
  return new Random(streamSeed(seed, 'customer', index));
}

function deviceStream(seed: number, index: number): Random {
  return new Random(streamSeed(seed, 'device-index', index));
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
