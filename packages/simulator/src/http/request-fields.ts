// Reading and checking request fields. Every failure is a 400 ApiError naming the field.
import type { Context } from 'hono';
import { badRequest } from './error-response.js';

/** A parsed JSON request body. */
export type JsonObject = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEVICE_ID = /^\d{16}$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Reads the body as a JSON object; malformed JSON and non-objects are 400. */
export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return value as JsonObject;
}

/** An optional string field. */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be a boolean.`);
  return value;
}

/** An optional 0-based page index (a non-negative int32); defaults to 0. */
export function pageIndexField(body: JsonObject, field = 'PageIndex'): number {
  const value = body[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw badRequest(`${field} must be an integer of at least 0.`);
  }
  return value;
}

/** An optional UUID field. */
export function optionalUuid(body: JsonObject, field: string): string | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !UUID.test(value)) throw badRequest(`${field} must be a UUID.`);
  return value;
}

/** A device ID field: a string of 16 digits. */
export function deviceIdField(body: JsonObject, field: string, required: true): string;
export function deviceIdField(body: JsonObject, field: string, required: false): string | undefined;
export function deviceIdField(body: JsonObject, field: string, required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') {
    if (required) throw badRequest(`${field} is required.`);
    return undefined;
  }
  if (typeof value !== 'string' || !DEVICE_ID.test(value)) throw badRequest(`${field} must be a 16 digit number.`);
  return value;
}

/** Most devices one Measurement request may name (see x-decision-fleet). */
export const MAX_DEVICE_IDS = 1_000;

/**
 * `DeviceID` as one 16-digit ID or an array of 1 to 1,000 of them, in the order given (repeats
 * dropped); undefined when absent, for a distributor-level request.
 */
export function deviceIdsField(body: JsonObject, field: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (!Array.isArray(value)) return [deviceIdField(body, field, true)];
  if (value.length === 0 || value.length > MAX_DEVICE_IDS) {
    throw badRequest(`${field} must hold 1 to ${MAX_DEVICE_IDS} device IDs.`);
  }
  for (const id of value) {
    if (typeof id !== 'string' || !DEVICE_ID.test(id)) throw badRequest(`Every ${field} must be a 16 digit number.`);
  }
  return [...new Set(value as string[])];
}

/**
 * A required ISO 8601 date-time field, in epoch ms. A time without an offset is taken as UTC (the
 * field names say UTC); impossible dates such as 2019-02-30 are rejected.
 */
export function dateTimeField(body: JsonObject, field: string): number {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw badRequest(`${field} is required.`);
  if (typeof value !== 'string') throw badRequest(`${field} must be an ISO 8601 date-time string.`);
  const match = ISO_DATE_TIME.exec(value);
  if (!match) throw badRequest(`${field} must be an ISO 8601 date-time, e.g. 2019-05-16T00:00:00Z.`);
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone] = match;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone ?? 'Z'}`);
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid =
    Number.isFinite(ms) &&
    calendar.getUTCMonth() === Number(month) - 1 &&
    calendar.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60;
  if (!valid) throw badRequest(`${field} is not a valid date-time.`);
  return ms + Math.floor(Number(value.match(/\.\d+/)?.[0] ?? 0) * 1000);
}
