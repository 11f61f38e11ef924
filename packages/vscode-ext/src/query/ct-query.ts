import { isMeasurementField, type MeasurementField, measurementField } from '@carbontrack/core';
import type { CalendarUnit, ResampleAggregate } from '@carbontrack/core/energy';
import { isTimeZone } from '@carbontrack/core/time-zone';
import { parseDateInput } from '../devices/date-range.js';
import type { RowFormat } from '../measurements/measurement-rows.js';

/** What a `.ctquery` file asks for (schemas/ctquery.schema.json describes the same format). */
export interface CtQuery {
  endpoint: 'distributors' | 'customers' | 'devices' | 'measurements' | 'summary';
  filters: {
    customerRef?: string;
    phone?: string;
    address?: string;
    deviceId?: string;
    customerReference?: string;
    registeredOnly?: boolean;
  };
  /**
   * Range in epoch ms (measurements and summary). `fromLocal`/`toLocal`: the file gave a wall-clock
   * time without an offset ("2026-02-01"), read in the query's zone when it runs (held as UTC ms).
   */
  range?: { from: number; to: number; fromLocal: boolean; toLocal: boolean };
  /** Measurements per local hour, day or month (core's `resample`), instead of every record. */
  bucket?: CalendarUnit;
  /** How a bucket's records become one value (default 'energy': kWh of power fields). */
  aggregate?: ResampleAggregate;
  /** IANA zone of local dates, buckets and times shown; default the setting, else the device's own. */
  timeZone?: string;
  /** A tariff JSON file (relative to the query file): adds the cost, per bucket or for the summary. */
  tariff?: string;
  /** Measurement fields, or item properties for listings; all when absent. */
  fields?: string[];
  format: RowFormat;
  /** Most items or rows returned. */
  limit?: number;
}

/** A problem in a query file, with the JSON path of the offending value. */
export interface QueryProblem {
  message: string;
  /** Property path, e.g. ['range', 'from']; empty for the whole document. */
  path: string[];
  /** Character offset in the text, when known (JSON syntax errors). */
  offset?: number;
}

export const ENDPOINTS = ['distributors', 'customers', 'devices', 'measurements', 'summary'] as const;
const KEYS = [
  '$schema',
  'endpoint',
  'filters',
  'range',
  'fields',
  'format',
  'limit',
  'bucket',
  'aggregate',
  'timeZone',
  'tariff',
];
const BUCKETS: readonly CalendarUnit[] = ['hour', 'day', 'month'];
const AGGREGATES: readonly ResampleAggregate[] = ['energy', 'mean', 'min', 'max', 'sum', 'last'];
const FILTERS: Record<string, 'string' | 'boolean'> = {
  customerRef: 'string',
  phone: 'string',
  address: 'string',
  deviceId: 'string',
  customerReference: 'string',
  registeredOnly: 'boolean',
};
const DURATION = /^(\d+)\s*(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses and checks a query; `now` resolves relative ranges ("last": "24h"). */
export function parseQuery(text: string, now = Date.now()): { query: CtQuery } | { problems: QueryProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [{ message: `Invalid JSON: ${message}`, path: [], offset: syntaxErrorOffset(text, message) }],
    };
  }
  const problems: QueryProblem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ message: 'A query is a JSON object', path: [] }] };
  }
  const q = raw as Record<string, unknown>;
  for (const key of Object.keys(q)) {
    if (!KEYS.includes(key)) {
      problems.push({ message: `Unknown property "${key}"`, path: [key] });
    }
  }
  const endpoint = q.endpoint;
  if (!ENDPOINTS.includes(endpoint as CtQuery['endpoint'])) {
    problems.push({ message: `"endpoint" must be one of ${ENDPOINTS.join(', ')}`, path: ['endpoint'] });
  }
  const filters: CtQuery['filters'] = {};
  if (q.filters !== undefined) {
    if (typeof q.filters !== 'object' || q.filters === null || Array.isArray(q.filters)) {
      problems.push({ message: '"filters" must be an object', path: ['filters'] });
    } else {
      for (const [key, value] of Object.entries(q.filters)) {
        const type = FILTERS[key];
        if (!type) problems.push({ message: `Unknown filter "${key}"`, path: ['filters', key] });
        else if (typeof value !== type)
          problems.push({ message: `"${key}" must be a ${type}`, path: ['filters', key] });
        else (filters as Record<string, unknown>)[key] = value;
      }
    }
  }
  if (filters.deviceId !== undefined && !/^\d{16}$/.test(filters.deviceId)) {
    problems.push({ message: '"deviceId" must be 16 digits', path: ['filters', 'deviceId'] });
  }
  let range: CtQuery['range'];
  if (q.range !== undefined) range = parseRange(q.range, now, problems);
  if ((endpoint === 'measurements' || endpoint === 'summary') && problems.length === 0) {
    if (!filters.deviceId) problems.push({ message: `"${endpoint}" needs filters.deviceId`, path: ['filters'] });
    if (!range) problems.push({ message: `"${endpoint}" needs a "range"`, path: [] });
  }
  let fields: string[] | undefined;
  if (q.fields !== undefined) {
    if (!Array.isArray(q.fields) || q.fields.some((f) => typeof f !== 'string')) {
      problems.push({ message: '"fields" must be an array of strings', path: ['fields'] });
    } else {
      fields = q.fields as string[];
      if (endpoint === 'measurements') {
        for (const f of fields) {
          if (!isMeasurementField(f)) problems.push({ message: `Unknown measurement field "${f}"`, path: ['fields'] });
        }
      }
    }
  }
  const format = q.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    problems.push({ message: '"format" must be "json" or "csv"', path: ['format'] });
  const limit = q.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || (limit as number) < 1)) {
    problems.push({ message: '"limit" must be a whole number ≥ 1', path: ['limit'] });
  }
  const { bucket, aggregate, timeZone, tariff } = q;
  if (bucket !== undefined) {
    if (!BUCKETS.includes(bucket as CalendarUnit)) {
      problems.push({ message: '"bucket" must be "hour", "day" or "month"', path: ['bucket'] });
    } else if (endpoint !== 'measurements') {
      problems.push({ message: '"bucket" applies to "measurements"', path: ['bucket'] });
    }
  }
  if (aggregate !== undefined) {
    if (!AGGREGATES.includes(aggregate as ResampleAggregate)) {
      problems.push({ message: `"aggregate" must be one of ${AGGREGATES.join(', ')}`, path: ['aggregate'] });
    } else if (bucket === undefined) {
      problems.push({ message: '"aggregate" needs a "bucket"', path: ['aggregate'] });
    }
  }
  // kWh of a temperature or a power factor means nothing: energy takes power fields only (core's rule).
  if (bucket !== undefined && (aggregate ?? 'energy') === 'energy' && fields) {
    for (const f of fields) {
      if (isMeasurementField(f) && measurementField(f).kind !== 'power') {
        problems.push({
          message: `"${f}" is not a power field: use "aggregate": "mean" (or min, max, last)`,
          path: ['fields'],
        });
      }
    }
  }
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone))) {
    problems.push({ message: '"timeZone" must be an IANA time zone such as "Australia/Sydney"', path: ['timeZone'] });
  }
  if (tariff !== undefined) {
    if (typeof tariff !== 'string' || tariff.trim() === '') {
      problems.push({ message: '"tariff" must be the path of a tariff JSON file', path: ['tariff'] });
    } else if (endpoint !== 'summary' && !(endpoint === 'measurements' && bucket !== undefined)) {
      problems.push({
        message: '"tariff" applies to "summary", or to "measurements" with a "bucket"',
        path: ['tariff'],
      });
    }
  }
  if (problems.length > 0) return { problems };
  return {
    query: {
      endpoint: endpoint as CtQuery['endpoint'],
      filters,
      range,
      fields,
      format: format as RowFormat,
      limit: limit as number | undefined,
      bucket: bucket as CalendarUnit | undefined,
      aggregate: aggregate as ResampleAggregate | undefined,
      timeZone: timeZone as string | undefined,
      tariff: tariff as string | undefined,
    },
  };
}

function parseRange(value: unknown, now: number, problems: QueryProblem[]): CtQuery['range'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ message: '"range" must be an object with "from" and "to", or "last"', path: ['range'] });
    return undefined;
  }
  const r = value as Record<string, unknown>;
  if (r.last !== undefined) {
    const match = typeof r.last === 'string' ? DURATION.exec(r.last.trim()) : null;
    if (!match) {
      problems.push({ message: '"last" is a duration such as "30m", "24h" or "7d"', path: ['range', 'last'] });
      return undefined;
    }
    const span = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    return { from: now - span, to: now, fromLocal: false, toLocal: false };
  }
  const start = typeof r.from === 'string' ? queryTime(r.from) : undefined;
  const end = typeof r.to === 'string' ? queryTime(r.to) : undefined;
  const from = start?.ms;
  const to = end?.ms;
  if (from === undefined)
    problems.push({ message: '"from" must be a date such as "2026-01-31"', path: ['range', 'from'] });
  if (to === undefined) problems.push({ message: '"to" must be a date such as "2026-02-01"', path: ['range', 'to'] });
  if (from !== undefined && to !== undefined && to <= from) {
    problems.push({ message: '"to" must be after "from"', path: ['range', 'to'] });
  }
  return from !== undefined && to !== undefined
    ? { from, to, fromLocal: start?.local === true, toLocal: end?.local === true }
    : undefined;
}

/**
 * A query's time: with an offset ("…Z", "…+10:00") an instant; without one ("2026-02-01",
 * "2026-02-01T06:00") a local wall-clock time, held as UTC ms until the zone is known.
 */
function queryTime(text: string): { ms: number; local: boolean } | undefined {
  const trimmed = text.trim();
  const local = !/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const ms = parseDateInput(local && /T/.test(trimmed) ? `${trimmed}Z` : trimmed);
  return ms === undefined ? undefined : { ms, local };
}

/** The measurement fields a query selects (all when it names none). */
export function measurementFields(query: CtQuery): MeasurementField[] | undefined {
  return query.fields?.filter(isMeasurementField);
}

/**
 * Where a problem sits in the text: the property key of its path (searched in order), else the start.
 * A light locator rather than a full JSON AST: query files are small and keys are unique per object.
 */
export function locateProblem(text: string, problem: QueryProblem): { start: number; end: number } {
  if (problem.offset !== undefined) return { start: problem.offset, end: Math.min(text.length, problem.offset + 1) };
  let from = 0;
  let found: { start: number; end: number } | undefined;
  for (const key of problem.path) {
    const pattern = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) break;
    found = { start: match.index, end: match.index + key.length + 2 };
    from = match.index + match[0].length;
  }
  return found ?? { start: 0, end: Math.min(text.length, 1) };
}

/** Where JSON.parse failed: "position N" on newer V8, else the first occurrence of the unexpected token. */
function syntaxErrorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const token = /Unexpected token '(.)'/.exec(message);
  if (token) return Math.max(0, text.indexOf(token[1] as string));
  return /end of JSON input/.test(message) ? Math.max(0, text.length - 1) : 0;
}
