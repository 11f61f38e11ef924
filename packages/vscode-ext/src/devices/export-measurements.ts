import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { CarbonTrackClient } from '@carbontrack/core';
import { MeasurementRowWriter, type RowFormat } from '../measurements/measurement-rows.js';
import type { DateRange } from './date-range.js';

/** What {@link exportMeasurements} writes. */
export interface ExportRequest {
  deviceId: string;
  range: DateRange;
  format: RowFormat;
  /** Destination file path. */
  path: string;
  /** Adds a LocalTime column (ISO 8601 with this zone's offset) beside the UTC one. */
  timeZone?: string;
  /** Cancels the export; the destination is then left untouched. */
  signal?: AbortSignal;
  /** Called after each window with the share of the range done (0..1) and the rows written. */
  onProgress?: (done: number, rows: number) => void;
}

/**
 * Streams a device's measurements to a file, one API window at a time, through core's measurement
 * iteration. Rows go to a temporary file beside the destination, renamed into place only when
 * complete: a cancelled or failed export leaves no partial file behind.
 */
export async function exportMeasurements(client: CarbonTrackClient, request: ExportRequest): Promise<number> {
  const temp = `${request.path}.${process.pid}-${Date.now()}.partial`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  const writer = new MeasurementRowWriter(request.format, undefined, { timeZone: request.timeZone });
  const write = async (text: string) => {
    if (text && !out.write(text)) await once(out, 'drain');
  };
  try {
    await write(writer.start());
    const span = request.range.to - request.range.from;
    for await (const series of client.measurements({
      deviceId: request.deviceId,
      from: request.range.from,
      to: request.range.to,
      signal: request.signal,
    })) {
      await write(writer.write(series));
      const last = series.time[series.length - 1] as number;
      request.onProgress?.(span > 0 ? Math.min(1, (last - request.range.from) / span) : 1, writer.rowCount);
    }
    request.signal?.throwIfAborted();
    await write(writer.end());
    out.end();
    await once(out, 'finish');
    await rename(temp, request.path);
    return writer.rowCount;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
