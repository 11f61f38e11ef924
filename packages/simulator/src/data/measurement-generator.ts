// Measurements are never stored: each record is computed from (device, timestamp), so any range
// costs memory for one page only. Battery charge is the one field with memory; see simulateDay.
import { formatHundredthsAs, type NumberFormat, zoneOffsetMs } from '@carbontrack/api';
import { batteryStep, START_CHARGE_PERCENT } from './battery-model.js';
import { householdUsageW } from './household-model.js';
import { hashInts, hashString, uuidFromWords, uuidTail, valueNoise } from './random.js';
import { cloudCover, dayOfYear, irradiance, sinSolarElevation, solarOutputW } from './solar-model.js';
import { indoorTemperature, outdoorTemperature } from './weather-model.js';
import type { DeviceRecord } from './world.js';

/** Interval between records. */
export const RECORD_INTERVAL_MS = 300_000;
/** Length of a measurement page (one UTC day of records from FromUTCDate). */
export const PAGE_SPAN_MS = 86_400_000;

const DAY_MS = 86_400_000;
const HALF_HOUR = 1_800_000;
const HOUR = 3_600_000;

/**
 * One measurement record exactly as POST /ctapi/Measurement returns it (fields as in
 * CarbonTrack.Data.MeasurementResponseModel; units in the README: W, V, °C, W/m², %, dBm).
 */
export interface MeasurementRecord {
  ID: string;
  DeviceID: string;
  RecordDateTime: string;
  PowerUsage: string;
  Generating: string;
  PowerExported: string;
  PowerFactor1: string;
  PowerFactor2: string;
  PowerFactor3: string;
  PowerFactor4: string;
  Power1: string;
  Power2: string;
  Power3: string;
  Power4: string;
  Power1N: string;
  Power2N: string;
  Power3N: string;
  Power4N: string;
  PowerVAH1: string;
  PowerVAH2: string;
  PowerVAH3: string;
  PowerVAH4: string;
  Temperature1: string;
  Temperature2: string;
  Temperature3: string;
  Temperature4: string;
  Temperature5: string;
  Temperature6: string;
  Temperature7: string;
  Temperature8: string;
  Irradiation: string;
  BatteryCharge: string;
  Flow: string;
  Voltage: string;
  SignalStrength: string;
  PowerUsageNet: string;
  PowerExportedNet: string;
}

/** The last instant a device has data for: now for online devices, its last report for offline ones. */
export function lastDataTime(device: DeviceRecord, nowMs: number): number {
  return device.offlineSinceMs === null ? nowMs : Math.min(nowMs, device.offlineSinceMs);
}

/** Number of records at five-minute boundaries t with fromMs ≤ t < toMs and t ≤ lastMs. */
export function countRecords(fromMs: number, toMs: number, lastMs: number): number {
  const first = Math.ceil(fromMs / RECORD_INTERVAL_MS) * RECORD_INTERVAL_MS;
  const last = Math.min(toMs - 1, lastMs);
  return last < first ? 0 : Math.floor((last - first) / RECORD_INTERVAL_MS) + 1;
}

/**
 * The records of a device with fromMs ≤ t < toMs and t ≤ lastMs, oldest first, their numbers
 * written in `format` (the documentation's example forms by default).
 */
export function generateMeasurements(
  device: DeviceRecord,
  fromMs: number,
  toMs: number,
  lastMs: number,
  format: NumberFormat = 'docs',
): MeasurementRecord[] {
  const records: MeasurementRecord[] = [];
  const count = countRecords(fromMs, toMs, lastMs);
  if (count === 0) return records;
  const first = Math.ceil(fromMs / RECORD_INTERVAL_MS) * RECORD_INTERVAL_MS;
  const last = first + (count - 1) * RECORD_INTERVAL_MS;
  const ids = recordIdWords(device.id);
  for (let day = Math.floor(first / DAY_MS) * DAY_MS; day <= last; day += DAY_MS) {
    simulateDay(device, ids, day, Math.max(first, day), Math.min(last, day + DAY_MS - 1), records, format);
  }
  return records;
}

/**
 * Emits the records of one UTC day between fromMs and toMs (inclusive). A battery's charge would
 * depend on all history; instead every day is simulated from START_CHARGE_PERCENT at UTC midnight of
 * the previous day. Clamping at 0 and 100 % makes trajectories from different starts converge within
 * a day, so consecutive days join up closely while any record stays a pure function of
 * (device, timestamp).
 */
function simulateDay(
  device: DeviceRecord,
  ids: RecordIdWords,
  day: number,
  fromMs: number,
  toMs: number,
  out: MeasurementRecord[],
  format: NumberFormat,
): void {
  const battery = device.battery;
  const state = { charge: START_CHARGE_PERCENT };
  for (let start = battery ? day - DAY_MS : day; start <= day; start += DAY_MS) {
    const offsetMs = zoneOffsetMs(device.timeZone, start);
    const doy = dayOfYear(start);
    const end = start === day ? toMs : start + DAY_MS - 1;
    for (let t = start; t <= end; t += RECORD_INTERVAL_MS) {
      const sample = samplePhysics(device, t, offsetMs, doy);
      const chargeBefore = state.charge;
      const batteryH = battery
        ? batteryStep(state, battery.capacityKwh, battery.maxRateW, sample.generatingH - sample.usageH)
        : 0;
      if (start === day && t >= fromMs)
        out.push(toRecord(device, ids, t, sample, batteryH, battery ? chargeBefore : 0, format));
    }
  }
}

/** The battery-independent quantities at one instant, powers in integer hundredths of W. */
interface Sample {
  usageH: number;
  generatingH: number;
  irradiationH: number;
  indoorC: number;
  outdoorC: number;
}

function samplePhysics(device: DeviceRecord, t: number, offsetMs: number, doy: number): Sample {
  const cloud = cloudCover(device.cloudSeed, t);
  let irradiationH = 0;
  let generatingH = 0;
  if (device.solarKwp > 0) {
    irradiationH = Math.round(irradiance(sinSolarElevation(device.latitude, device.longitude, t, doy), cloud) * 100);
    // Any light that registers also registers as (at least one hundredth of a watt of) output.
    generatingH = irradiationH > 0 ? Math.max(1, Math.round(solarOutputW(irradiationH, device.solarKwp))) : 0;
  }
  const outdoorC = outdoorTemperature(device.latitude, device.longitude, t, doy, cloud, device.cloudSeed);
  const localMs = t + offsetMs;
  const localDay = Math.floor(localMs / DAY_MS);
  const weekday = (localDay + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday.
  const local = { hour: (localMs - localDay * DAY_MS) / HOUR, weekend: weekday === 0 || weekday === 6, doy };
  const usageW = householdUsageW(device.household, device.noiseSeed, t, local, outdoorC);
  return {
    usageH: Math.max(100, Math.round(usageW * 100)),
    generatingH,
    irradiationH,
    indoorC: indoorTemperature(outdoorC, device.noiseSeed, t),
    outdoorC,
  };
}

function toRecord(
  device: DeviceRecord,
  ids: RecordIdWords,
  t: number,
  sample: Sample,
  batteryH: number,
  chargePercent: number,
  format: NumberFormat,
): MeasurementRecord {
  // Every field is documented as `#.##` but SignalStrength, `#,###.##`.
  const n = (hundredths: number) => formatHundredthsAs(hundredths, format, '#.##');
  const { usageH, generatingH } = sample;
  const seed = device.noiseSeed;
  // Four monitored circuits take 45 to 85 % of the usage: the rest is untracked, as on a real
  // installation with clamps on a few circuits only.
  const p1 = Math.floor(usageH * (0.25 + 0.1 * valueNoise(seed ^ 0x1111, t / HALF_HOUR)));
  const p2 = Math.floor(usageH * (0.1 + 0.1 * valueNoise(seed ^ 0x2222, t / HALF_HOUR)));
  const p3 = Math.floor(usageH * (0.05 + 0.1 * valueNoise(seed ^ 0x3333, t / HALF_HOUR)));
  const p4 = Math.floor(usageH * (0.05 + 0.1 * valueNoise(seed ^ 0xabcd, t / HALF_HOUR)));
  const pf1 = powerFactorHundredths(seed ^ 0x4444, t);
  const pf2 = powerFactorHundredths(seed ^ 0x5555, t);
  const pf3 = powerFactorHundredths(seed ^ 0x6666, t);
  const pf4 = powerFactorHundredths(seed ^ 0x7777, t);
  const exportNetH = Math.max(0, generatingH - usageH - batteryH);
  const voltage =
    240 +
    device.voltageOffset +
    (valueNoise(seed ^ 0x8888, t / HALF_HOUR) - 0.5) * 6 +
    Math.min(6, exportNetH / 100 / 800);
  const signal = Math.round(device.signalDbm + (valueNoise(seed ^ 0x9999, t / HOUR) - 0.5) * 10);
  const index = t / RECORD_INTERVAL_MS;
  return {
    ID: `${ids.prefix}${uuidTail(hashInts(ids.c, index), (index ^ ids.d) >>> 0)}`,
    DeviceID: device.id,
    RecordDateTime: recordDateTime(t),
    PowerUsage: n(usageH),
    Generating: n(generatingH),
    PowerExported: n(Math.max(0, generatingH - usageH)),
    PowerFactor1: n(pf1),
    PowerFactor2: n(pf2),
    PowerFactor3: n(pf3),
    PowerFactor4: n(pf4),
    Power1: n(p1),
    Power2: n(p2),
    Power3: n(p3),
    Power4: n(p4),
    Power1N: n(0),
    Power2N: n(0),
    Power3N: n(0),
    Power4N: n(0),
    PowerVAH1: n(Math.round((p1 * 100) / pf1)),
    PowerVAH2: n(Math.round((p2 * 100) / pf2)),
    PowerVAH3: n(Math.round((p3 * 100) / pf3)),
    PowerVAH4: n(Math.round((p4 * 100) / pf4)),
    Temperature1: n(Math.round(sample.indoorC * 100)),
    Temperature2: n(Math.round(sample.outdoorC * 100)),
    Temperature3: n(0),
    Temperature4: n(0),
    Temperature5: n(0),
    Temperature6: n(0),
    Temperature7: n(0),
    Temperature8: n(0),
    Irradiation: n(sample.irradiationH),
    BatteryCharge: n(Math.round(chargePercent * 100)),
    Flow: n(0),
    Voltage: n(Math.round(Math.min(250, Math.max(230, voltage)) * 100)),
    SignalStrength: formatHundredthsAs(Math.min(-45, Math.max(-95, signal)) * 100, format, '#,###.##'),
    PowerUsageNet: n(Math.max(0, usageH - generatingH + batteryH)),
    PowerExportedNet: n(exportNetH),
  };
}

/**
 * Per-device parts of the record ID: the first groups hash the device, the last word is the record
 * index XOR a device word, so IDs never repeat within a device.
 */
interface RecordIdWords {
  prefix: string;
  c: number;
  d: number;
}

function recordIdWords(deviceId: string): RecordIdWords {
  const words = [hashString(deviceId, 0xa1), hashString(deviceId, 0xb2), 0, 0] as const;
  return {
    prefix: uuidFromWords(words).slice(0, 19),
    c: hashString(deviceId, 0xc3),
    d: hashString(deviceId, 0xd4),
  };
}

function powerFactorHundredths(salt: number, t: number): number {
  return 85 + Math.floor(15 * valueNoise(salt, t / HOUR));
}

// Records sit on five-minute boundaries, so only the date part needs Date; it is cached per day.
let cachedDay = Number.NaN;
let cachedDayPrefix = '';
function recordDateTime(t: number): string {
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day).toISOString().slice(0, 11);
  }
  const minutes = (t - day) / 60_000;
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  return `${cachedDayPrefix}${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}:00Z`;
}
