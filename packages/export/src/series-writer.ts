import type { MeasurementSeries } from '@carbontrack/core';
import { createCsvEncoder } from './csv-encoder.js';
import { type ExportLayout, type ExportOptions, exportLayout } from './export-layout.js';
import type { FormatEncoder } from './format-encoder.js';
import { createNdjsonEncoder } from './ndjson-encoder.js';
import { isOutputFormat, type OutputFormat } from './output-format.js';
import { createParquetEncoder } from './parquet-encoder.js';

/** Options of {@link createSeriesWriter}. */
export interface SeriesWriterOptions extends ExportOptions {
  /**
   * Parquet only: rows per row group (default 65,536: a row group a bit over seven months of one
   * device at five-minute records, and one for any single day; DuckDB reads row groups in parallel).
   */
  rowGroupSize?: number | undefined;
}

/** One file being written: rows in with {@link SeriesWriter.write}, bytes out in order. */
export interface SeriesWriter {
  /** The file's format. */
  readonly format: OutputFormat;
  /** The file's columns. */
  readonly layout: ExportLayout;
  /** Rows written so far. */
  readonly records: number;
  /**
   * Adds rows `[start, end)` of `series` (default: all of them); call it as often as needed, the rows
   * follow one another in the file. Returns the bytes ready to be written out now, in order (CSV and
   * NDJSON: the rows' text; Parquet: each completed row group, often none). Parquet holds on to the
   * series, not a copy, until its row group is written: do not change a series once it is passed here.
   * @throws RangeError when the range is not within the series; Error after {@link SeriesWriter.finish}.
   */
  write(series: MeasurementSeries, start?: number, end?: number): Uint8Array[];
  /**
   * Ends the file and returns its remaining bytes (Parquet: the last row group and the footer; a CSV
   * with no rows still gets its header).
   * @throws Error when called twice.
   */
  finish(): Uint8Array[];
}

/** Default of {@link SeriesWriterOptions.rowGroupSize}. */
export const DEFAULT_ROW_GROUP_SIZE = 65_536;

/**
 * A writer of one file of measurements in `format`, with the columns of {@link exportLayout}.
 * Nothing is dropped: a NaN value is a null cell, and a row whose time is NaN is kept with a null time.
 * @throws RangeError for an unknown format, time zone or field, or a row group size that is not a positive integer.
 */
export function createSeriesWriter(format: OutputFormat, options: SeriesWriterOptions = {}): SeriesWriter {
  if (!isOutputFormat(format)) throw new RangeError(`Unknown output format '${String(format)}'`);
  const layout = exportLayout(options);
  const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  if (!Number.isSafeInteger(rowGroupSize) || rowGroupSize < 1) {
    throw new RangeError(`rowGroupSize must be a positive integer, got ${String(rowGroupSize)}`);
  }
  const encoder = encoderFor(format, layout, rowGroupSize);
  let records = 0;
  let finished = false;
  return {
    format,
    layout,
    get records() {
      return records;
    },
    write(series, start = 0, end = series.length) {
      if (finished) throw new Error('The file is finished: nothing more can be written to it');
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > series.length) {
        throw new RangeError(`Rows [${start}, ${end}) are not within the series (length ${series.length})`);
      }
      const chunks = encoder.encode(series, start, end);
      records += end - start;
      return chunks;
    },
    finish() {
      if (finished) throw new Error('The file is already finished');
      finished = true;
      return encoder.finish();
    },
  };
}

function encoderFor(format: OutputFormat, layout: ExportLayout, rowGroupSize: number): FormatEncoder {
  switch (format) {
    case 'parquet':
      return createParquetEncoder(layout, { rowGroupSize });
    case 'csv':
      return createCsvEncoder(layout);
    case 'ndjson':
      return createNdjsonEncoder(layout);
  }
}
