import type { CallOptions } from '../client/options.js';
import type { MeasurementSeries } from '../measurements/series.js';
import type { DateInput } from '../validation/validate-input.js';
import type { FleetCursor } from './fleet-cursor.js';

/** How {@link CarbonTrackClient.fleetMeasurements} reads. */
export interface FleetQuery extends CallOptions {
  /** Start of the range, inclusive. */
  from: DateInput;
  /** End of the range, exclusive. */
  to: DateInput;
  /** Resume after the chunks this cursor (from a chunk or from progress) says are done. */
  cursor?: FleetCursor | undefined;
  /** Most requests on the wire at once; the adaptive limit stays within it (default 16). */
  maxConcurrency?: number | undefined;
  /** Most requests started per second, for an account with a known quota (default: no cap). */
  requestsPerSecond?: number | undefined;
  /**
   * Times a device-day is fetched again after its requests failed in a way worth retrying (5xx,
   * 429, network, timeout, a malformed body), on top of the client's own retries (default 3).
   */
  chunkRetries?: number | undefined;
  /** Most pages one device-day may take (default 2: a day is one page, an inclusive end may spill onto a second). */
  maxPagesPerDay?: number | undefined;
  /** Called after each chunk is handed out, and once when the device list is known. */
  onProgress?: ((progress: FleetProgress) => void) | undefined;
}

/** One device-day of a fleet read: a device's records in one UTC day (or the part of it in range). */
export interface FleetChunk {
  /** 16-digit device ID. */
  deviceId: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Start of the chunk's window in epoch ms, inclusive (the day's start, or `from`). */
  from: number;
  /** End of the chunk's window in epoch ms, exclusive (the next day's start, or `to`). */
  to: number;
  /** The records, in time order; empty when the device has none that day. */
  series: MeasurementSeries;
  /** Where to resume once this chunk is safely stored. */
  cursor: FleetCursor;
}

/** How far a fleet read has got. */
export interface FleetProgress {
  /** Device-days handed out, this run and (when resumed) before it. */
  done: number;
  /** Device-days in all. */
  total: number;
  /** Devices in all. */
  devices: number;
  /** Records handed out this run. */
  records: number;
  /** Failed attempts retried this run (the client's retries and whole device-days again). */
  retries: number;
  /** Requests the adaptive limit allows on the wire now. */
  concurrency: number;
}
