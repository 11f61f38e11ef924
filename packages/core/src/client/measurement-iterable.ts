import { RequestGate } from '../http/request-gate.js';
import type { RequestPipeline } from '../http/request-pipeline.js';
import { concatSeries } from '../measurements/concat-series.js';
import { dedupeSeries } from '../measurements/dedupe-series.js';
import type { MeasurementSeries } from '../measurements/series.js';
import {
  assertDeviceId,
  assertRange,
  assertWholeNumber,
  type DateInput,
  toEpochMs,
} from '../validation/validate-input.js';
import { fetchMeasurementWindow, type MeasurementTarget } from './fetch-measurement-window.js';
import type { CallOptions } from './options.js';
import type { MeasurementPageReader } from './read-measurement-page.js';

/** What {@link CarbonTrackClient.measurements} fetches. */
export interface MeasurementQuery extends CallOptions {
  /** 16-digit device ID. */
  deviceId: string;
  /** Start of the range, inclusive. */
  from: DateInput;
  /** End of the range, exclusive. */
  to: DateInput;
  /** Windows fetched at once (default 4). */
  concurrency?: number | undefined;
  /** Length of one window in hours (default 24, the simulator's page size). */
  windowHours?: number | undefined;
  /** Called as each window is in, in order: `done` of `total` windows (one a day by default). */
  onProgress?: ((progress: { done: number; total: number }) => void) | undefined;
  /**
   * Most pages the whole call may fetch (default: two a day of the range, at least two a window).
   * A server that announces more (or keeps sending full pages) fails the call with a
   * {@link MalformedResponseError} instead of paging forever; raise it for an API that pages
   * finer than a day.
   */
  maxPages?: number | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Measurements of one device over a range, as columnar series in time order. The range is split
 * into windows (each paged as the API requires) whose requests run `concurrency` at a time, the
 * earliest windows first; windows are yielded in order as soon as they and all earlier ones are
 * in, and records repeated at a window edge (same record ID) are dropped. A request slot frees up
 * as soon as a body has arrived, so the next request is on the wire while the page is parsed.
 * At most 2 x concurrency windows are held ahead of the consumer. Breaking out of the loop
 * cancels what is in flight.
 */
export class MeasurementIterable implements AsyncIterable<MeasurementSeries> {
  private readonly deviceId: string;
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly concurrency: number;
  private readonly windowMs: number;
  private readonly maxPages: number | undefined;
  private readonly target: MeasurementTarget;

  constructor(
    private readonly query: MeasurementQuery,
    baseUrl: string,
    pipeline: RequestPipeline,
    readPage: MeasurementPageReader,
    /** Whether pages are fetched through the proxy's GET read path (asked once per iteration). */
    private readonly useReadPath: () => Promise<boolean> = async () => false,
  ) {
    assertDeviceId(query.deviceId);
    this.deviceId = query.deviceId;
    this.fromMs = toEpochMs(query.from, 'from');
    this.toMs = toEpochMs(query.to, 'to');
    assertRange(this.fromMs, this.toMs);
    this.concurrency = query.concurrency ?? 4;
    assertWholeNumber(this.concurrency, 'concurrency');
    const windowHours = query.windowHours ?? 24;
    assertWholeNumber(windowHours, 'windowHours');
    this.windowMs = windowHours * HOUR_MS;
    if (query.maxPages !== undefined) assertWholeNumber(query.maxPages, 'maxPages');
    this.maxPages = query.maxPages;
    this.target = { baseUrl, pipeline, readPage };
  }

  async *[Symbol.asyncIterator](): AsyncIterator<MeasurementSeries> {
    const windows: Array<[number, number]> = [];
    for (let start = this.fromMs; start < this.toMs; start += this.windowMs) {
      windows.push([start, Math.min(this.toMs, start + this.windowMs)]);
    }
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(this.query.signal?.reason);
    if (this.query.signal?.aborted) throw this.query.signal.reason;
    this.query.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const gate = new RequestGate(this.concurrency);
    const readPath = await this.useReadPath();
    // One page budget for the whole call, shared by its windows: a page a day, twice over, so a
    // window's edge spilling onto a second page (an inclusive end) still fits.
    const days = Math.max(windows.length, Math.ceil((this.toMs - this.fromMs) / DAY_MS));
    const limit = this.maxPages ?? 2 * days;
    const budget = { left: limit, limit };
    const inFlight: Array<Promise<MeasurementSeries> | undefined> = [];
    const start = (i: number) => {
      const window = windows[i] as [number, number];
      // The earliest windows take free request slots first: they are the ones yielded next.
      const promise = fetchMeasurementWindow(
        this.target,
        this.deviceId,
        window[0],
        window[1],
        { signal: controller.signal, slot: { gate, priority: i } },
        budget,
        readPath,
      );
      // Rejections are observed when the window's turn comes; until then, keep them quiet.
      promise.catch(() => {});
      inFlight[i] = promise;
    };
    try {
      let previousIds = new Set<string>();
      for (let i = 0; i < windows.length; i++) {
        for (let j = inFlight.length; j < Math.min(windows.length, i + 2 * this.concurrency); j++) start(j);
        const series = (await inFlight[i]) as MeasurementSeries;
        inFlight[i] = undefined;
        this.query.onProgress?.({ done: i + 1, total: windows.length });
        const fresh = dedupeSeries(series, previousIds);
        previousIds = new Set(series.ids);
        if (fresh.length > 0) yield fresh;
      }
    } finally {
      this.query.signal?.removeEventListener('abort', onCallerAbort);
      controller.abort();
    }
  }

  /** Every record of the range in one series. */
  async collect(): Promise<MeasurementSeries> {
    const parts: MeasurementSeries[] = [];
    for await (const part of this) parts.push(part);
    const all = concatSeries(parts);
    return all.length === 0 ? { ...all, deviceId: this.deviceId } : all;
  }
}
