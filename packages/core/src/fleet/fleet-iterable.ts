import { fetchMeasurementWindow, type MeasurementTarget } from '../client/fetch-measurement-window.js';
import {
  MalformedResponseError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../errors/carbon-track-error.js';
import { sleep } from '../http/abort.js';
import { AdaptiveGate } from '../http/adaptive-gate.js';
import { SignalFanOut } from '../http/signal-fan-out.js';
import {
  assertDeviceId,
  assertRange,
  assertWholeNumber,
  formatApiDate,
  toEpochMs,
} from '../validation/validate-input.js';
import { cursorMatches, type FleetCursor } from './fleet-cursor.js';
import type { FleetChunk, FleetProgress, FleetQuery } from './fleet-query.js';
import type { FleetTarget } from './fleet-target.js';

const DAY_MS = 86_400_000;

/** What a fleet read needs from the client. @internal */
export interface FleetSource {
  readonly measurements: MeasurementTarget;
  /** Every device ID of a distributor. */
  listDevices(distributorId: string, signal: AbortSignal): Promise<string[]>;
  /** Whether pages go through the proxy's GET read path. */
  useReadPath(): Promise<boolean>;
}

interface Task {
  readonly device: number;
  readonly day: number;
}

/**
 * Measurements of many devices as device-day chunks, in a documented order: devices in ascending
 * ID (a distributor) or as listed, and each device's UTC days oldest first. Requests run through
 * one {@link AdaptiveGate}, earliest chunks first, at most 2 × maxConcurrency chunks ahead of the
 * consumer, so memory stays flat however many devices there are. Each chunk carries a cursor from
 * which a later read resumes. A device-day whose requests fail in a retryable way is fetched again
 * (`chunkRetries`); any other failure (a device the account cannot see, bad credentials) ends the
 * read with its typed error. Breaking out of the loop cancels what is in flight.
 */
export class FleetIterable implements AsyncIterable<FleetChunk> {
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly maxConcurrency: number;
  private readonly chunkRetries: number;
  private readonly maxPagesPerDay: number;

  constructor(
    private readonly target: FleetTarget,
    private readonly query: FleetQuery,
    private readonly source: FleetSource,
  ) {
    if ('deviceIds' in target) {
      if (!Array.isArray(target.deviceIds) || target.deviceIds.length === 0) {
        throw new ValidationError('deviceIds must list at least one device ID');
      }
      for (const id of target.deviceIds) assertDeviceId(id, 'deviceIds');
    } else if (typeof target?.distributorId !== 'string' || target.distributorId === '') {
      throw new ValidationError('the fleet target needs a distributorId or deviceIds');
    }
    this.fromMs = toEpochMs(query.from, 'from');
    this.toMs = toEpochMs(query.to, 'to');
    assertRange(this.fromMs, this.toMs);
    this.maxConcurrency = query.maxConcurrency ?? 16;
    assertWholeNumber(this.maxConcurrency, 'maxConcurrency');
    this.chunkRetries = query.chunkRetries ?? 3;
    assertWholeNumber(this.chunkRetries, 'chunkRetries', 0);
    this.maxPagesPerDay = query.maxPagesPerDay ?? 2;
    assertWholeNumber(this.maxPagesPerDay, 'maxPagesPerDay');
    if (query.requestsPerSecond !== undefined && !(query.requestsPerSecond > 0)) {
      throw new ValidationError(`requestsPerSecond must be a number > 0, got ${String(query.requestsPerSecond)}`);
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FleetChunk> {
    const from = formatApiDate(this.fromMs);
    const to = formatApiDate(this.toMs);
    const { cursor } = this.query;
    if (cursor && !cursorMatches(cursor, this.target, from, to)) {
      throw new ValidationError(`the cursor belongs to another read (${cursor.from} to ${cursor.to}), not this one`);
    }
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(this.query.signal?.reason);
    if (this.query.signal?.aborted) throw this.query.signal.reason;
    this.query.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const devices = await this.devices(controller.signal);
      const days = dayStarts(this.fromMs, this.toMs);
      const total = devices.length * days.length;
      let position = cursor ? resumePosition(cursor, devices, days.length, 'distributorId' in this.target) : 0;
      const gate = new AdaptiveGate({
        maxConcurrency: this.maxConcurrency,
        requestsPerSecond: this.query.requestsPerSecond,
      });
      const readPath = await this.source.useReadPath();
      const progress: FleetProgress = {
        done: position,
        total,
        devices: devices.length,
        records: 0,
        retries: 0,
        concurrency: gate.concurrency,
      };
      this.query.onProgress?.({ ...progress });
      const cursorAt = (next: number): FleetCursor => ({
        version: 1,
        target: this.target,
        from,
        to,
        device: next < total ? (devices[Math.floor(next / days.length)] as string) : null,
        day: next < total ? next % days.length : 0,
        done: next,
      });
      const taskAt = (i: number): Task => ({ device: Math.floor(i / days.length), day: i % days.length });
      const inFlight = new Map<number, Promise<FleetChunk>>();
      const signals = new SignalFanOut(controller.signal);
      const start = (i: number) => {
        const task = taskAt(i);
        const deviceId = devices[task.device] as string;
        const dayStart = days[task.day] as number;
        const window = [Math.max(this.fromMs, dayStart), Math.min(this.toMs, dayStart + DAY_MS)] as const;
        const { signal, release } = signals.child();
        const promise = this.fetchChunk(deviceId, window[0], window[1], i, gate, signal, readPath, progress)
          .finally(release)
          .then((series) => ({
            deviceId,
            day: new Date(dayStart).toISOString().slice(0, 10),
            from: window[0],
            to: window[1],
            series,
            cursor: cursorAt(i + 1),
          }));
        // Rejections are observed when the chunk's turn comes; until then, keep them quiet.
        promise.catch(() => {});
        inFlight.set(i, promise);
      };
      let next = position;
      for (; position < total; position++) {
        for (; next < Math.min(total, position + 2 * this.maxConcurrency); next++) start(next);
        const chunk = await (inFlight.get(position) as Promise<FleetChunk>);
        inFlight.delete(position);
        progress.done = position + 1;
        progress.records += chunk.series.length;
        progress.concurrency = gate.concurrency;
        yield chunk;
        this.query.onProgress?.({ ...progress });
      }
    } finally {
      this.query.signal?.removeEventListener('abort', onCallerAbort);
      controller.abort();
    }
  }

  private async devices(signal: AbortSignal): Promise<string[]> {
    if ('deviceIds' in this.target) return [...new Set(this.target.deviceIds)];
    const ids = await this.source.listDevices(this.target.distributorId, signal);
    return [...new Set(ids)].sort();
  }

  private async fetchChunk(
    deviceId: string,
    fromMs: number,
    toMs: number,
    priority: number,
    gate: AdaptiveGate,
    signal: AbortSignal,
    readPath: boolean,
    progress: FleetProgress,
  ) {
    const onRetry = () => {
      progress.retries++;
    };
    for (let round = 0; ; round++) {
      const budget = { left: this.maxPagesPerDay, limit: this.maxPagesPerDay };
      try {
        return await fetchMeasurementWindow(
          this.source.measurements,
          deviceId,
          fromMs,
          toMs,
          { signal, slot: { gate, priority }, onRetry },
          budget,
          readPath,
        );
      } catch (error) {
        if (signal.aborted || round >= this.chunkRetries || !worthAnotherRound(error)) throw error;
        progress.retries++;
        await sleep(Math.min(10_000, 500 * 2 ** round) * (0.5 + Math.random() / 2), signal);
      }
    }
  }
}

function worthAnotherRound(error: unknown): boolean {
  return (
    error instanceof ServerError ||
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof RateLimitError ||
    error instanceof MalformedResponseError
  );
}

/** The UTC midnights of the days [fromMs, toMs) touches. */
function dayStarts(fromMs: number, toMs: number): number[] {
  const starts: number[] = [];
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) starts.push(day);
  return starts;
}

/** The task index a cursor points at, in this read's device list. */
function resumePosition(cursor: FleetCursor, devices: readonly string[], days: number, sorted: boolean): number {
  if (cursor.device === null) return devices.length * days;
  if (cursor.day >= days) throw new ValidationError(`fleet cursor: day ${cursor.day} is outside the range`);
  const exact = devices.indexOf(cursor.device);
  if (exact >= 0) return exact * days + cursor.day;
  if (!sorted) throw new ValidationError(`fleet cursor: device ${cursor.device} is not one of the devices listed`);
  // A distributor's device gone since: resume at the next ID.
  const after = devices.findIndex((id) => id > (cursor.device as string));
  return after < 0 ? devices.length * days : after * days;
}
