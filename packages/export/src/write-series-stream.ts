import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { OutputFormat } from './output-format.js';
import { type SeriesSource, seriesOf } from './series-source.js';
import { createSeriesWriter, type SeriesWriter, type SeriesWriterOptions } from './series-writer.js';

/** Options of {@link writeSeriesStream} and {@link writeSeriesFile}. */
export interface WriteSeriesOptions extends SeriesWriterOptions {
  /** The file format. */
  format: OutputFormat;
}

/** What was written. */
export interface WriteSeriesResult {
  /** Rows written. */
  records: number;
  /** Bytes written. */
  bytes: number;
}

// CSV and NDJSON text is produced this many rows at a time, so a year of one device in a single series
// is a few megabytes in memory at once, not the 70 MB of its NDJSON.
const SLICE_ROWS = 8192;

const CLOSED = 'The output stream closed before the file was written';

/**
 * Writes `source` as one file in `options.format` to `sink` (a file, a socket, `process.stdout`), chunk
 * by chunk as series arrive, waiting whenever the sink asks to (backpressure). The sink is left open:
 * ending it is the caller's choice (stdout should stay open).
 * @throws whatever the source throws, an error of the sink, or the RangeError of {@link createSeriesWriter}.
 */
export async function writeSeriesStream(
  sink: Writable,
  source: SeriesSource,
  options: WriteSeriesOptions,
): Promise<WriteSeriesResult> {
  const writer = createSeriesWriter(options.format, options);
  return pipeSeries(sink, writer, source);
}

/** Feeds `source` through `writer` into `sink` and finishes the writer. @internal */
export async function pipeSeries(
  sink: Writable,
  writer: SeriesWriter,
  source: SeriesSource,
): Promise<WriteSeriesResult> {
  // A sink can fail between writes; held here, the error fails this call instead of crashing the process.
  let failure: { error: unknown } | undefined;
  const onError = (error: unknown) => {
    failure ??= { error };
  };
  sink.on('error', onError);
  let bytes = 0;
  const put = async (chunks: readonly Uint8Array[]) => {
    for (const chunk of chunks) {
      if (failure !== undefined) throw failure.error;
      // A destroyed sink neither writes nor drains: waiting for it would never end.
      if (sink.destroyed) throw sink.errored ?? new Error(CLOSED);
      bytes += chunk.byteLength;
      if (!sink.write(chunk)) await drained(sink);
    }
  };
  try {
    for await (const series of seriesOf(source)) {
      for (let start = 0; start < series.length; start += SLICE_ROWS) {
        await put(writer.write(series, start, Math.min(series.length, start + SLICE_ROWS)));
      }
    }
    await put(writer.finish());
    if (failure !== undefined) throw failure.error;
  } finally {
    sink.off('error', onError);
  }
  return { records: writer.records, bytes };
}

/** Resolves on 'drain'; rejects on an error, or when the sink closes first (it would never drain). */
async function drained(sink: Writable): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  try {
    await Promise.race([
      once(sink, 'drain', { signal }),
      once(sink, 'close', { signal }).then(() => {
        throw sink.errored ?? new Error(CLOSED);
      }),
    ]);
  } finally {
    controller.abort();
  }
}
