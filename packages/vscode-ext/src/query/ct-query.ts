import { isMeasurementField, type MeasurementField } from '@carbontrack/core';
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
  /** Absolute range in epoch ms (measurements and summary). */
  range?: { from: number; to: number };
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
    if (!['$schema', 'endpoint', 'filters', 'range', 'fields', 'format', 'limit'].includes(key)) {
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
  if (problems.length > 0) return { problems };
  return {
    query: {
      endpoint: endpoint as CtQuery['endpoint'],
      filters,
      range,
      fields,
      format: format as RowFormat,
      limit: limit as number | undefined,
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
    return { from: now - span, to: now };
  }
  const from = typeof r.from === 'string' ? parseDateInput(r.from) : undefined;
  const to = typeof r.to === 'string' ? parseDateInput(r.to) : undefined;
  if (from === undefined)
    problems.push({ message: '"from" must be a date such as "2026-01-31"', path: ['range', 'from'] });
  if (to === undefined) problems.push({ message: '"to" must be a date such as "2026-02-01"', path: ['range', 'to'] });
  if (from !== undefined && to !== undefined && to <= from) {
    problems.push({ message: '"to" must be after "from"', path: ['range', 'to'] });
  }
  return from !== undefined && to !== undefined ? { from, to } : undefined;
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
