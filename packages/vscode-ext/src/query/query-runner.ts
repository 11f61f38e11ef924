import { type CarbonTrackClient, concatSeries, type MeasurementField, type MeasurementSeries } from '@carbontrack/core';
import { cost, resample, summarize, type Tariff, toRows } from '@carbontrack/core/energy';
import { deviceTimeZone, formatLocalIso, localTimeToInstant, resolveTimeZone } from '@carbontrack/core/time-zone';
import { MeasurementRowWriter, objectsToCsv } from '../measurements/measurement-rows.js';
import { objectsTable, type ResultTable, seriesTable } from '../results/result-table.js';
import { readTariffSetting } from '../webview/tariff-setting.js';
import { type CtQuery, measurementFields } from './ct-query.js';

/** The output of a query: the text in its format, and the same rows as a table for the results view. */
export interface QueryResult {
  content: string;
  language: 'json' | 'csv';
  /** Items or rows in the output. */
  rows: number;
  /** The same rows as a table, in full precision. */
  table: ResultTable;
  /** The zone its local times are in (measurements and summaries). */
  timeZone?: string;
  /** The records, for a measurements query without buckets (the results view charts them). */
  series?: MeasurementSeries;
}

/** Where and how a query runs. */
export interface QueryRunOptions {
  signal?: AbortSignal;
  /** The `carbontrack.timeZone` setting ('' or absent: the device's own zone). */
  timeZone?: string;
  /** The query file's folder: a relative `tariff` is read from there. */
  baseDir?: string;
}

/**
 * Runs a parsed query through core: listings page by page up to `limit`, measurements window by
 * window, or per local bucket (core's `resample`, with the cost per bucket under a `tariff`), and
 * summaries (core's `summarize` and `cost`) with local times and offsets. Local dates in the range
 * are read in the query's zone: its `timeZone`, else the setting, else the device's own.
 */
export async function runQuery(
  client: CarbonTrackClient,
  query: CtQuery,
  options: QueryRunOptions = {},
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
      return query.bucket ? buckets(client, query, options) : measurements(client, query, options);
    case 'summary': {
      const { timeZone, period } = await placeInTime(client, query, options);
      const tariff = await queryTariff(query, options);
      const series = await client
        .measurements({ deviceId: filters.deviceId as string, from: period.from, to: period.to, signal })
        .collect();
      const s = summarize(series, { timeZone, period });
      const bill = tariff ? cost(series, tariff, { timeZone, period }) : null;
      const local = (t: number | null) => (t === null ? null : formatLocalIso(t, timeZone));
      const summary = {
        deviceId: filters.deviceId,
        timeZone,
        periodFrom: local(period.from),
        periodTo: local(period.to),
        ...s,
        from: local(s.from),
        to: local(s.to),
        peakDemandTime: local(s.peakDemandTime),
        ...(bill ? { currency: bill.currency, ...costColumns(bill) } : {}),
      };
      return { ...textAndTable([summary], query, true), timeZone };
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
  return textAndTable(out, query);
}

/** Items as the query's format and as a table; `single`: one object, written as itself, not in an array. */
function textAndTable(items: Record<string, unknown>[], query: CtQuery, single = false): QueryResult {
  const table = objectsTable(items);
  const json = single ? items[0] : items;
  return query.format === 'csv'
    ? { content: objectsToCsv(items), language: 'csv', rows: items.length, table }
    : { content: `${JSON.stringify(json, null, 2)}\n`, language: 'json', rows: items.length, table };
}

async function measurements(client: CarbonTrackClient, query: CtQuery, options: QueryRunOptions): Promise<QueryResult> {
  const { signal } = options;
  const { period: range, timeZone } = await placeInTime(client, query, options);
  const writer = new MeasurementRowWriter(query.format, measurementFields(query), { timeZone });
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const parts: MeasurementSeries[] = [];
  let content = writer.start();
  for await (const series of client.measurements({
    deviceId: query.filters.deviceId as string,
    from: range.from,
    to: range.to,
    signal,
  })) {
    const room = limit - writer.rowCount;
    const part = room < series.length ? truncate(series, room) : series;
    parts.push(part);
    content += writer.write(part);
    if (writer.rowCount >= limit) break;
  }
  content += writer.end();
  return {
    content,
    language: query.format,
    rows: writer.rowCount,
    table: seriesTable(parts, writer.fields, timeZone),
    timeZone,
    series: concatSeries(parts),
  };
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

/** The query's zone (its own, else the setting, else the device's) and its range as instants. */
async function placeInTime(
  client: CarbonTrackClient,
  query: CtQuery,
  options: QueryRunOptions,
): Promise<{ timeZone: string; period: { from: number; to: number } }> {
  const range = query.range as NonNullable<CtQuery['range']>;
  const explicit = query.timeZone || options.timeZone || undefined;
  const deviceZone = explicit
    ? undefined
    : await deviceTimeZone(await client.device(query.filters.deviceId as string, { signal: options.signal }));
  const { timeZone } = resolveTimeZone({ explicit, deviceZone });
  const instant = (t: number, local: boolean) => (local ? localTimeToInstant(t, timeZone) : t);
  return { timeZone, period: { from: instant(range.from, range.fromLocal), to: instant(range.to, range.toLocal) } };
}

/** The query's tariff file, checked; an Error naming "tariff" and the problem otherwise. */
async function queryTariff(query: CtQuery, options: QueryRunOptions): Promise<Tariff | null> {
  if (!query.tariff) return null;
  const read = await readTariffSetting(query.tariff, options.baseDir);
  if (read?.error) throw new QueryPropertyError(read.error.replace(/^carbontrack\.tariffFile/, '"tariff"'), ['tariff']);
  return read?.tariff ?? null;
}

/** A query that failed because of one of its properties: diagnostics go on that property. */
export class QueryPropertyError extends Error {
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
    this.name = 'QueryPropertyError';
  }
}

const COST_KEYS = ['importCost', 'exportCredit', 'supply', 'demand', 'gst', 'net'] as const;

function costColumns(bill: Record<(typeof COST_KEYS)[number], number>): Record<string, number> {
  return Object.fromEntries(COST_KEYS.map((key) => [key, bill[key]]));
}

/** Measurements per local bucket: core's `resample` rows (local start and end, a value per field, coverage), and the cost per bucket. */
async function buckets(client: CarbonTrackClient, query: CtQuery, options: QueryRunOptions): Promise<QueryResult> {
  const { timeZone, period } = await placeInTime(client, query, options);
  const tariff = await queryTariff(query, options);
  const series = await client
    .measurements({
      deviceId: query.filters.deviceId as string,
      from: period.from,
      to: period.to,
      signal: options.signal,
    })
    .collect();
  const aggregate = query.aggregate ?? 'energy';
  const fields = measurementFields(query) as MeasurementField[] | undefined;
  const resampled = resample(series, query.bucket as NonNullable<CtQuery['bucket']>, {
    timeZone,
    aggregate,
    period,
    ...(fields && fields.length > 0 ? { fields } : {}),
  });
  let rows: Record<string, unknown>[] = toRows(resampled, { timeZone });
  if (tariff) {
    const bill = cost(series, tariff, { timeZone, period, unit: query.bucket });
    const byStart = new Map<number, number>();
    bill.buckets?.start.forEach((start, k) => {
      byStart.set(start, k);
    });
    rows = rows.map((row, i) => {
      const k = byStart.get(resampled.start[i] as number);
      const costs = bill.buckets && k !== undefined ? COST_KEYS.map((key) => [key, bill.buckets?.[key][k] ?? 0]) : [];
      return { ...row, ...Object.fromEntries(costs) };
    });
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  return { ...textAndTable(rows, query), timeZone };
}
