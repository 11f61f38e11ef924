import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import type { SeriesSource } from './series-source.js';
import { createSeriesWriter } from './series-writer.js';
import { pipeSeries, type WriteSeriesOptions, type WriteSeriesResult } from './write-series-stream.js';

/**
 * Writes `source` as one file at `path` (parent folders are created, so a partitioned layout such as
 * `out/date=2026-12-01/<deviceId>.parquet` needs no preparation); an existing file is replaced.
 *
 * The file is written as `<path>.partial` and renamed when complete: a reader globbing the folder
 * (`out/**\/*.parquet`) never sees half a file, and a failure leaves nothing behind.
 * @throws whatever the source throws, a file system error, or the RangeError of `createSeriesWriter`.
 */
export async function writeSeriesFile(
  path: string,
  source: SeriesSource,
  options: WriteSeriesOptions,
): Promise<WriteSeriesResult> {
  // Options are checked before the folder and the file exist, so a typo leaves no trace.
  const writer = createSeriesWriter(options.format, options);
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const file = createWriteStream(partial);
  try {
    const result = await pipeSeries(file, writer, source);
    file.end();
    await finished(file);
    await rename(partial, path);
    return result;
  } catch (error) {
    // The file may still be opening: remove it only once the stream has closed, or it reappears.
    await new Promise<void>((resolve) => {
      if (file.closed) resolve();
      else {
        file.once('close', () => resolve());
        file.destroy();
      }
    });
    await rm(partial, { force: true });
    throw error;
  }
}
