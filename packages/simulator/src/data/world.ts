// The generated world: two distributors, their customers and the customers' devices, as records
// built on demand (generate-world.ts); measurements are not part of it (measurement-generator.ts).

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

/**
 * The generated, read-only world of one simulator. Records are computed on demand from the seed
 * and their index, so a world of 100,000 devices costs a few bytes a device until records are
 * asked for. Device indexes follow ascending device ID; each distributor's devices (and customers)
 * are one contiguous index range.
 */
export interface World {
  /** Distributor A (account demo) then B (account demo2). */
  readonly distributors: readonly DistributorRecord[];
  /** Number of devices. */
  readonly deviceCount: number;
  /** Number of customers. */
  readonly customerCount: number;
  /** The device at `index` (0 ≤ index < deviceCount). */
  device(index: number): DeviceRecord;
  /** The customer at `index` (0 ≤ index < customerCount). */
  customer(index: number): CustomerRecord;
  /** Index range `[first, end)` of a distributor's devices (empty for an unknown ID). */
  deviceRange(distributorId: string): IndexRange;
  /** Index range `[first, end)` of a distributor's customers (empty for an unknown ID). */
  customerRange(distributorId: string): IndexRange;
  /** Index range `[first, end)` of a customer's devices. */
  devicesOfCustomer(customerIndex: number): IndexRange;
  /** The customer with this AccountNumber (case-insensitive), or undefined. */
  customerByRef(ref: string): { index: number; record: CustomerRecord } | undefined;
  /** When a device stopped reporting (epoch ms), or null when it is online; no record is built. */
  offlineSinceMs(index: number): number | null;
  /** When each offline device of an index range stopped reporting, in index order (online ones are left out). */
  offlineIn(range: IndexRange): Float64Array;
  /** Lookup by device ID without building other records. */
  readonly deviceById: { get(id: string): DeviceRecord | undefined; has(id: string): boolean };
  /** Every device, built on first use: for small worlds and tests. */
  readonly devices: readonly DeviceRecord[];
  /** Every customer, built on first use: for small worlds and tests. */
  readonly customers: readonly CustomerRecord[];
}

/** A half-open range of indexes. */
export interface IndexRange {
  readonly first: number;
  readonly end: number;
}

/** How many devices or customers a generated world has. */
export interface WorldSize {
  /**
   * Total devices, split two to one between distributors A and B (the hostile fixture's devices
   * come on top); default: 240 and 120 customers with one to three devices each.
   */
  devices?: number | undefined;
  /** Adds a customer and device whose names and address contain HTML (default false). */
  hostileFixtures?: boolean | undefined;
}

/** Largest world {@link generateWorld} builds (device IDs carry a six-digit index). */
export const MAX_WORLD_DEVICES = 100_000;

/** The markup the hostile fixtures carry, for XSS tests of UIs. */
export const HOSTILE_MARKUP = ['<img src=x onerror=alert(1)>', '"quotes" & <b>tags</b>'] as const;
