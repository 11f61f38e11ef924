import { ValidationError } from '../errors/carbon-track-error.js';
import type { Tariff, TariffPeriod, TariffVersion, TariffWindow } from './tariff.js';
import { WEEKDAYS } from './tariff.js';

/**
 * Checks that `value` is a valid {@link Tariff} (see {@link compileTariff} for what is checked) and
 * returns it typed; a {@link ValidationError} whose `field` is the path in the tariff otherwise.
 */
export function validateTariff(value: unknown): Tariff {
  return compileTariff(value).tariff;
}

/** Minutes in a week, the cells of a month's rate grid. */
export const WEEK_MINUTES = 7 * 1440;

/**
 * A version's rates compiled into per-minute grids (12 months × 7 days × 1440 minutes, Sunday
 * first), so pricing a sample is one lookup. @internal
 */
export interface CompiledVersion {
  readonly version: TariffVersion;
  /** Local day number (days since 1970-01-01 of the wall clock) it starts, and ends (exclusive; Infinity). */
  readonly fromDay: number;
  readonly toDay: number;
  readonly importPrice: Float64Array;
  /** Null without a feed-in rate. */
  readonly feedInPrice: Float64Array | null;
  /** 1 where demand counts; null without a demand charge. */
  readonly demandMask: Uint8Array | null;
  /**
   * Per cell, the minute of its day (1 to 1440) at which its run ends: where the import or feed-in
   * price or the demand mask next changes, or midnight. Lets {@link cost} look prices up once a run.
   */
  readonly runEnd: Uint16Array;
}

/** A checked tariff and its compiled versions, oldest first. @internal */
export interface CompiledTariff {
  readonly tariff: Tariff;
  readonly currency: string;
  readonly gstRate: number;
  readonly pricesIncludeGst: boolean;
  readonly versions: readonly CompiledVersion[];
}

const DAY_MS = 86_400_000;

/**
 * Checks a tariff (its shape, as `tariff.schema.json` describes it, and what a schema cannot say:
 * time-of-use windows that overlap or leave gaps in the week, versions that overlap) and compiles
 * it for {@link cost}. Every problem is a {@link ValidationError} whose `field` is the path in the
 * tariff, e.g. `versions[0].import.timeOfUse[1].windows[0].from`.
 */
export function compileTariff(value: unknown): CompiledTariff {
  const tariff = object(value, '');
  text(tariff.name, 'name');
  const currency = tariff.currency === undefined ? 'AUD' : text(tariff.currency, 'currency');
  if (!/^[A-Z]{3}$/.test(currency)) fail('currency', 'must be an ISO 4217 code such as AUD');
  const gstRate = tariff.gstRate === undefined ? 0.1 : number(tariff.gstRate, 'gstRate', 0, 1);
  if (tariff.pricesIncludeGst !== undefined && typeof tariff.pricesIncludeGst !== 'boolean') {
    fail('pricesIncludeGst', 'must be true or false');
  }
  if (!Array.isArray(tariff.versions) || tariff.versions.length === 0)
    fail('versions', 'must list at least one version');
  const versions = (tariff.versions as unknown[]).map((v, i) => compileVersion(v, `versions[${i}]`));
  const order = versions.map((v, i) => ({ v, i })).sort((a, b) => a.v.fromDay - b.v.fromDay);
  for (let k = 1; k < order.length; k++) {
    const before = order[k - 1] as { v: CompiledVersion; i: number };
    const after = order[k] as { v: CompiledVersion; i: number };
    if (before.v.toDay > after.v.fromDay) {
      fail(
        `versions[${after.i}].validFrom`,
        `overlaps versions[${before.i}] (${before.v.version.validFrom} to ${before.v.version.validTo ?? 'open-ended'})`,
      );
    }
  }
  return {
    tariff: value as Tariff,
    currency,
    gstRate,
    pricesIncludeGst: tariff.pricesIncludeGst === true,
    versions: order.map((o) => o.v),
  };
}

function compileVersion(value: unknown, path: string): CompiledVersion {
  const version = object(value, path);
  const fromDay = localDay(version.validFrom, `${path}.validFrom`);
  const toDay = version.validTo === undefined ? Number.POSITIVE_INFINITY : localDay(version.validTo, `${path}.validTo`);
  if (!(toDay > fromDay)) fail(`${path}.validTo`, 'must be after validFrom');
  number(version.supplyPerDay, `${path}.supplyPerDay`, 0);
  const importPrice = compileRate(version.import, `${path}.import`);
  const feedInPrice = version.feedIn === undefined ? null : compileRate(version.feedIn, `${path}.feedIn`);
  let demandMask: Uint8Array | null = null;
  if (version.demand !== undefined) {
    const demand = object(version.demand, `${path}.demand`);
    number(demand.pricePerKwMonth, `${path}.demand.pricePerKwMonth`, 0);
    const mask = new Uint8Array(12 * WEEK_MINUTES);
    if (demand.windows === undefined) mask.fill(1);
    else {
      list(demand.windows, `${path}.demand.windows`).forEach((w, i) => {
        paint(w, `${path}.demand.windows[${i}]`, (cell) => {
          mask[cell] = 1;
        });
      });
    }
    demandMask = mask;
  }
  const runEnd = runEnds(importPrice, feedInPrice, demandMask);
  return { version: value as TariffVersion, fromDay, toDay, importPrice, feedInPrice, demandMask, runEnd };
}

function runEnds(
  importPrice: Float64Array,
  feedInPrice: Float64Array | null,
  demandMask: Uint8Array | null,
): Uint16Array {
  const ends = new Uint16Array(importPrice.length);
  for (let row = 0; row < importPrice.length; row += 1440) {
    let end = 1440;
    for (let minute = 1439; minute >= 0; minute--) {
      const cell = row + minute;
      if (
        minute < 1439 &&
        (importPrice[cell] !== importPrice[cell + 1] ||
          (feedInPrice !== null && feedInPrice[cell] !== feedInPrice[cell + 1]) ||
          (demandMask !== null && demandMask[cell] !== demandMask[cell + 1]))
      ) {
        end = minute + 1;
      }
      ends[cell] = end;
    }
  }
  return ends;
}

function compileRate(value: unknown, path: string): Float64Array {
  const rate = object(value, path) as Partial<Record<'flat' | 'timeOfUse', unknown>>;
  const grid = new Float64Array(12 * WEEK_MINUTES).fill(Number.NaN);
  if ('flat' in rate && 'timeOfUse' in rate) fail(path, 'must be either flat or timeOfUse, not both');
  if ('flat' in rate) return grid.fill(number(rate.flat, `${path}.flat`, 0));
  if (!('timeOfUse' in rate)) fail(path, 'needs a flat price or timeOfUse periods');
  const owner = new Int32Array(grid.length).fill(-1);
  const names: string[] = [];
  list(rate.timeOfUse, `${path}.timeOfUse`).forEach((p, i) => {
    const periodPath = `${path}.timeOfUse[${i}]`;
    const period = object(p, periodPath) as Partial<TariffPeriod>;
    text(period.name, `${periodPath}.name`);
    const price = number(period.price, `${periodPath}.price`, 0);
    list(period.windows, `${periodPath}.windows`).forEach((w, j) => {
      const windowPath = `${periodPath}.windows[${j}]`;
      names.push(windowPath);
      const id = names.length - 1;
      paint(w, windowPath, (cell) => {
        if ((owner[cell] as number) >= 0) {
          fail(windowPath, `overlaps ${names[owner[cell] as number]} at ${describeCell(cell)}`);
        }
        owner[cell] = id;
        grid[cell] = price;
      });
    });
  });
  const gap = owner.indexOf(-1);
  if (gap >= 0)
    fail(`${path}.timeOfUse`, `leaves ${describeCell(gap)} without a price: the windows must cover the whole week`);
  return grid;
}

/** Calls `mark` with every grid cell (month × week-minute) a window covers. */
function paint(value: unknown, path: string, mark: (cell: number) => void): void {
  const window = object(value, path) as Partial<TariffWindow>;
  const days = list(window.days, `${path}.days`).map((d, i) => {
    const index = WEEKDAYS.indexOf(d as TariffWindow['days'][number]);
    if (index < 0) fail(`${path}.days[${i}]`, `must be one of ${WEEKDAYS.join(', ')}`);
    return index;
  });
  if (days.length === 0) fail(`${path}.days`, 'must name at least one day');
  const from = minuteOf(window.from, `${path}.from`, false);
  const to = minuteOf(window.to, `${path}.to`, true);
  if (from === to) fail(`${path}.to`, 'must differ from from');
  const months =
    window.months === undefined
      ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
      : list(window.months, `${path}.months`).map((m, i) => {
          if (!Number.isInteger(m) || (m as number) < 1 || (m as number) > 12)
            fail(`${path}.months[${i}]`, 'must be 1 to 12');
          return m as number;
        });
  for (const month of months) {
    for (const day of days) {
      // A window past midnight (to < from) carries on into the next day of the same week.
      const end = to > from ? to : to + 1440;
      for (let minute = from; minute < end; minute++) {
        const weekMinute = (day * 1440 + minute) % WEEK_MINUTES;
        mark((month - 1) * WEEK_MINUTES + weekMinute);
      }
    }
  }
}

function describeCell(cell: number): string {
  const month = Math.floor(cell / WEEK_MINUTES) + 1;
  const weekMinute = cell % WEEK_MINUTES;
  const day = WEEKDAYS[Math.floor(weekMinute / 1440)];
  const minute = weekMinute % 1440;
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${day} ${hhmm} in month ${month}`;
}

function minuteOf(value: unknown, path: string, end: boolean): number {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  const max = end ? 1440 : 1439;
  if (!match || Number(match[2]) > 59 || !(minutes >= (end ? 1 : 0) && minutes <= max)) {
    fail(path, `must be a time HH:MM from ${end ? '00:01 to 24:00' : '00:00 to 23:59'}`);
  }
  return minutes;
}

function localDay(value: unknown, path: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || new Date(ms).getUTCDate() !== Number(match[3])) fail(path, 'must be a date YYYY-MM-DD');
  return ms / DAY_MS;
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path || 'tariff', 'must be an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  return value as unknown[];
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'must be a non-empty string');
  return value as string;
}

function number(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(path, `must be a number${max < Number.POSITIVE_INFINITY ? ` from ${min} to ${max}` : ` ≥ ${min}`}`);
  }
  return value as number;
}

function fail(path: string, problem: string): never {
  throw new ValidationError(`tariff ${path}: ${problem}`, { field: path });
}
