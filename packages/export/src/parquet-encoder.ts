import type { MeasurementSeries } from '@carbontrack/core';
import { ByteWriter, type ColumnSource, type KeyValue, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import { type ExportColumn, type ExportLayout, exportUnits } from './export-layout.js';
import { exportTimeMs, localTimeFormatter } from './export-time.js';
import type { FormatEncoder } from './format-encoder.js';

/** Options of {@link createParquetEncoder}. @internal */
export interface ParquetEncoderOptions {
  /** Rows per row group. */
  rowGroupSize: number;
}

/** Key of the file metadata entry holding every field column's unit as JSON (`{"PowerUsage":"W",…}`). */
export const UNITS_METADATA_KEY = 'carbontrack.units';
/** Key of each field column chunk's metadata entry holding its unit (`W`; '' when dimensionless). */
export const UNIT_METADATA_KEY = 'carbontrack.unit';
/** Key of the file metadata entry naming the zone of `local_time`, present only with that column. */
export const TIME_ZONE_METADATA_KEY = 'carbontrack.time_zone';

/** Rows of one series waiting for their row group. */
interface PendingRows {
  series: MeasurementSeries;
  start: number;
  end: number;
}

/**
 * Parquet through hyparquet-writer, typed so engines need no casts: `time` is INT64
 * TIMESTAMP(MILLIS, isAdjustedToUTC) (DuckDB: TIMESTAMP WITH TIME ZONE; Spark, pandas, BigQuery: UTC
 * timestamps), strings are UTF8, fields are optional DOUBLE, nulls where values are unusable.
 *
 * Rows are held until a row group is full, so many small series (a day each) still make large row
 * groups; only one row group's columns exist at a time, and its bytes are handed out as soon as it
 * is encoded.
 * @internal
 */
export function createParquetEncoder(layout: ExportLayout, { rowGroupSize }: ParquetEncoderOptions): FormatEncoder {
  const writer = new ChunkWriter();
  const units = exportUnits(layout);
  const kvMetadata: KeyValue[] = [{ key: UNITS_METADATA_KEY, value: JSON.stringify(units) }];
  if (layout.timeZone !== null) kvMetadata.push({ key: TIME_ZONE_METADATA_KEY, value: layout.timeZone });
  const parquet = new ParquetWriter({
    writer,
    schema: [{ name: 'root', num_children: layout.columns.length }, ...layout.columns.map(schemaElement)],
    // Snappy is built into hyparquet-writer in plain JavaScript; zstd or gzip would need a compressor
    // package (often native or WASM), which is what this package avoids. It is also what Spark and
    // pandas write by default, and every engine reads it.
    codec: 'SNAPPY',
    kvMetadata,
  });
  // The writer has no option for column chunk metadata, but its footer writes the chunks' own
  // `key_value_metadata` (DuckDB shows it in parquet_metadata()): each field's unit goes there.
  const chunkMetadata = layout.columns.map((column) =>
    column.unit === null ? undefined : [{ key: UNIT_METADATA_KEY, value: column.unit }],
  );
  const localTime = layout.timeZone === null ? null : localTimeFormatter(layout.timeZone);
  const pending: PendingRows[] = [];
  let pendingRows = 0;

  const writeRowGroup = (rows: number) => {
    const parts = takeRows(pending, rows);
    pendingRows -= rows;
    const columnData = layout.columns.map((column) => columnSource(column, parts, rows, localTime));
    parquet.write({ columnData, rowGroupSize: rows });
    const group = parquet.row_groups.at(-1);
    group?.columns.forEach((chunk, j) => {
      const metadata = chunkMetadata[j];
      if (metadata !== undefined && chunk.meta_data !== undefined) chunk.meta_data.key_value_metadata = metadata;
    });
  };

  return {
    encode(series, start, end) {
      if (end > start) {
        pending.push({ series, start, end });
        pendingRows += end - start;
      }
      while (pendingRows >= rowGroupSize) writeRowGroup(rowGroupSize);
      return writer.take();
    },
    finish() {
      if (pendingRows > 0) writeRowGroup(pendingRows);
      parquet.finish();
      return writer.take();
    },
  };
}

function schemaElement(column: ExportColumn): SchemaElement {
  const { name } = column;
  switch (column.type) {
    case 'timestamp':
      // The converted type is kept beside the logical type for readers older than logical types.
      return {
        name,
        type: 'INT64',
        repetition_type: 'OPTIONAL',
        converted_type: 'TIMESTAMP_MILLIS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
      };
    case 'string':
      return {
        name,
        type: 'BYTE_ARRAY',
        repetition_type: 'OPTIONAL',
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' },
      };
    case 'double':
      return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
  }
}

/** Removes the first `rows` rows from `pending` (splitting a series if needed) and returns them. */
function takeRows(pending: PendingRows[], rows: number): PendingRows[] {
  const parts: PendingRows[] = [];
  let left = rows;
  while (left > 0) {
    const head = pending[0] as PendingRows;
    const size = head.end - head.start;
    if (size <= left) {
      parts.push(head);
      pending.shift();
      left -= size;
    } else {
      parts.push({ series: head.series, start: head.start, end: head.start + left });
      head.start += left;
      left = 0;
    }
  }
  return parts;
}

/** The values of one column over `parts`, with null for every unusable value. */
function columnSource(
  column: ExportColumn,
  parts: readonly PendingRows[],
  rows: number,
  localTime: ((t: number) => string | null) | null,
): ColumnSource {
  const { name } = column;
  if (column.field !== null) return { name, data: doubles(column.field, parts, rows) };
  const data = new Array<string | number | null>(rows);
  let k = 0;
  for (const { series, start, end } of parts) {
    switch (name) {
      case 'time':
        for (let i = start; i < end; i++) data[k++] = exportTimeMs(series.time[i] as number);
        break;
      case 'local_time':
        for (let i = start; i < end; i++) data[k++] = localTime?.(series.time[i] as number) ?? null;
        break;
      case 'device_id':
        data.fill(series.deviceId || null, k, k + end - start);
        k += end - start;
        break;
      default:
        for (let i = start; i < end; i++) data[k++] = (series.ids[i] as string) || null;
    }
  }
  if (name === 'time') {
    // Whole milliseconds stepping by the record interval: delta encoding stores them in a few bits each.
    return { name, data, encoding: 'DELTA_BINARY_PACKED' };
  }
  return { name, data };
}

/**
 * A field's values: the series' own Float64Array when every value is finite (most columns; no copy),
 * else an array with null in place of each NaN or infinity, which Parquet stores as a null.
 */
function doubles(
  field: NonNullable<ExportColumn['field']>,
  parts: readonly PendingRows[],
  rows: number,
): Float64Array | (number | null)[] {
  let finite = true;
  for (const { series, start, end } of parts) {
    const values = series.columns[field];
    for (let i = start; i < end && finite; i++) finite = Number.isFinite(values[i]);
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (finite && only !== undefined) return only.series.columns[field].subarray(only.start, only.end);
  if (finite) {
    const data = new Float64Array(rows);
    let k = 0;
    for (const { series, start, end } of parts) {
      data.set(series.columns[field].subarray(start, end), k);
      k += end - start;
    }
    return data;
  }
  const data = new Array<number | null>(rows);
  let k = 0;
  for (const { series, start, end } of parts) {
    const values = series.columns[field];
    for (let i = start; i < end; i++) {
      const value = values[i] as number;
      data[k++] = Number.isFinite(value) ? value : null;
    }
  }
  return data;
}

/**
 * A ByteWriter whose bytes are taken out after each row group (hyparquet-writer flushes its writer
 * then) instead of growing one buffer for the whole file. Offsets in the footer count every byte
 * ever written (`offset`); only the buffer's fill (`index`) is reset.
 */
class ChunkWriter extends ByteWriter {
  private chunks: Uint8Array[] = [];

  flush(): void {
    if (this.index === 0) return;
    this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  /** The bytes flushed since the last call. */
  take(): Uint8Array[] {
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }
}
