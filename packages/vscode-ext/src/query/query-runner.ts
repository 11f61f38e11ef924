import type { CarbonTrackClient } from '@carbontrack/core';
import { summarize } from '@carbontrack/core/energy';
import { MeasurementRowWriter, objectsToCsv } from '../measurements/measurement-rows.js';
import { type CtQuery, measurementFields } from './ct-query.js';

/** The output of a query, ready for an editor. */
export interface QueryResult {
  content: string;
  language: 'json' | 'csv';
  /** Items or rows in the output. */
  rows: number;
}

/** Runs a parsed query through core: listings page by page up to `limit`, measurements window by window. */
export async function runQuery(
  client: CarbonTrackClient,
  query: CtQuery,
  options: { signal?: AbortSignal; timeZone?: string } = {},
): Promise<QueryResult> {
  const { filters } = query;
  const { signal } = options;
  switch (query.endpoint) {
    case 'distributors':
      return listing(client.distributors({ signal }), query);
    case 'customers':
      return listing(
        client.customers({
          customerRef: filters.customerRef,
          phone: filters.phone,
          address: filters.address,
          signal,
          pageSize: Math.min(500, query.limit ?? 100),
        }),
        query,
      );
    case 'devices':
      return listing(
        client.devices({
          deviceId: filters.deviceId,
          customerReference: filters.customerReference ?? filters.customerRef,
          registeredOnly: filters.registeredOnly,
          signal,
        }),
        query,
      );
    case 'measurements':
      return measurements(client, query, signal);
    case 'summary': {
      const range = query.range as { from: number; to: number };
      const series = await client
        .measurements({ deviceId: filters.deviceId as string, from: range.from, to: range.to, signal })
        .collect();
      const summary = { deviceId: filters.deviceId, ...summarize(series, { timeZone: options.timeZone ?? 'UTC' }) };
      return query.format === 'csv'
        ? { content: objectsToCsv([summary]), language: 'csv', rows: 1 }
        : { content: `${JSON.stringify(summary, null, 2)}\n`, language: 'json', rows: 1 };
    }
  }
}

async function listing<T extends object>(items: AsyncIterable<T>, query: CtQuery): Promise<QueryResult> {
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const out: Record<string, unknown>[] = [];
  if (limit > 0) {
    for await (const item of items) {
      out.push(pick(item as Record<string, unknown>, query.fields));
      if (out.length >= limit) break;
    }
  }
  return query.format === 'csv'
    ? { content: objectsToCsv(out), language: 'csv', rows: out.length }
    : { content: `${JSON.stringify(out, null, 2)}\n`, language: 'json', rows: out.length };
}

async function measurements(
  client: CarbonTrackClient,
  query: CtQuery,
  signal: AbortSignal | undefined,
): Promise<QueryResult> {
  const range = query.range as { from: number; to: number };
  const writer = new MeasurementRowWriter(query.format, measurementFields(query));
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let content = writer.start();
  for await (const series of client.measurements({
    deviceId: query.filters.deviceId as string,
    from: range.from,
    to: range.to,
    signal,
  })) {
    const room = limit - writer.rowCount;
    content += writer.write(room < series.length ? truncate(series, room) : series);
    if (writer.rowCount >= limit) break;
  }
  content += writer.end();
  return { content, language: query.format, rows: writer.rowCount };
}

function truncate<S extends { length: number }>(series: S, length: number): S {
  return { ...series, length };
}

function pick(item: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields || fields.length === 0) return item;
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = item[field];
  return out;
}
