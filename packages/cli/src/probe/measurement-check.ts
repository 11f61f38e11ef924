// POST /ctapi/Measurement for one device over one recent UTC day: the device that reported last,
// the whole UTC day before its last report (or before now), so a working device has a full day.
import { MEASUREMENT_FIELD_NAMES } from '@carbontrack/core';
import { latestDevice } from './device-check.js';
import { asNumber, asRecord, callEndpoint, emptyEndpointSection } from './endpoint-call.js';
import type { Operation } from './exchange.js';
import { type ProbeContext, skip } from './probe-context.js';
import type { ProbeRequest } from './probe-http.js';
import type { MeasurementSection } from './probe-report.js';
import { shortenId } from './redactor.js';

/** The Measurement operation. */
export const MEASUREMENT_OPERATION: Operation = { method: 'POST', path: '/ctapi/Measurement' };

const DAY_MS = 86_400_000;
const KNOWN_FIELDS = new Set<string>(['ID', 'DeviceID', 'RecordDateTime', ...MEASUREMENT_FIELD_NAMES]);
const MAX_EXTRA_FIELDS = 20;

/** The day sampled and its first page, for the number, power and paging steps. */
export interface MeasurementSample {
  deviceId: string;
  fromMs: number;
  toMs: number;
  records: Record<string, unknown>[];
  count: number | null;
  pages: number | null;
  pagesIndex: number | null;
}

/** A measurement section before its step runs. */
export function emptyMeasurementSection(): MeasurementSection {
  return {
    ...emptyEndpointSection(MEASUREMENT_OPERATION),
    device: null,
    from: null,
    to: null,
    records: null,
    intervalSeconds: null,
    extraFields: [],
  };
}

/** Runs the Measurement step into `section`; returns the sample, or null when there is none. */
export async function checkMeasurement(
  context: ProbeContext,
  section: MeasurementSection,
  devices: readonly Record<string, unknown>[],
): Promise<MeasurementSample | null> {
  const device = latestDevice(devices);
  if (!device) {
    skip(section, 'no device to sample: the Device step listed none');
    return null;
  }
  const lastMs = Number.isFinite(device.lastDataMs) ? Math.min(context.nowMs, device.lastDataMs) : context.nowMs;
  const fromMs = Math.floor(lastMs / DAY_MS) * DAY_MS - DAY_MS;
  const toMs = fromMs + DAY_MS;
  section.device = shortenId(device.id);
  section.from = isoSeconds(fromMs);
  section.to = isoSeconds(toMs);
  const body = await callEndpoint(
    context,
    section,
    MEASUREMENT_OPERATION,
    measurementRequest(device.id, fromMs, toMs, 0),
  );
  if (body === undefined) return null;
  const fields = asRecord(body);
  const records = (Array.isArray(fields.Measurements) ? fields.Measurements : []).map(asRecord);
  section.records = records.length;
  section.intervalSeconds = medianInterval(records);
  const extra = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) if (!KNOWN_FIELDS.has(key)) extra.add(key);
  section.extraFields = [...extra].slice(0, MAX_EXTRA_FIELDS);
  return {
    deviceId: device.id,
    fromMs,
    toMs,
    records,
    count: asNumber(fields.Count),
    pages: asNumber(fields.Pages),
    pagesIndex: asNumber(fields.PagesIndex),
  };
}

/** The request of one page of a device's measurements. */
export function measurementRequest(deviceId: string, fromMs: number, toMs: number, pageIndex: number): ProbeRequest {
  return {
    method: 'POST',
    path: '/ctapi/Measurement',
    json: { DeviceID: deviceId, FromUTCDate: isoSeconds(fromMs), ToUTCDate: isoSeconds(toMs), PageIndex: pageIndex },
  };
}

/** Epoch milliseconds of each record's RecordDateTime (NaN where it does not parse). */
export function recordTimes(records: readonly Record<string, unknown>[]): number[] {
  return records.map((record) =>
    typeof record.RecordDateTime === 'string' ? Date.parse(record.RecordDateTime) : Number.NaN,
  );
}

// The documentation's own form: whole seconds, "Z".
function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function medianInterval(records: readonly Record<string, unknown>[]): number | null {
  const times = recordTimes(records)
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => (t - (times[i] as number)) / 1000);
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}
