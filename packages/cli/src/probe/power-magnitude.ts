// W or kW? The documentation states no unit (x-decision-units assumes W). A household draws and a
// rooftop array generates roughly 100–10,000 W, i.e. 0.1–10 kW, so the size of the busy values of a
// day tells the two apart by three orders of magnitude: the 95th percentile is used because nights
// and cloudy hours pull the median down towards zero.
import { EMPTY_NUMBER_DEFAULT, parseFormattedNumber } from '@carbontrack/api';
import type { Distribution, PowerSection } from './probe-report.js';

/** Fewer records than an hour's worth say too little about a household's day. */
const MIN_SAMPLES = 12;
/** A busy-hours scale in this range reads as watts; room above 10 kW for big homes and arrays. */
const WATTS = { min: 100, max: 30_000 };
/** And in this range as kilowatts. */
const KILOWATTS = { min: 0.05, max: 30 };

/** A power section before its step runs. */
export function emptyPowerSection(): PowerSection {
  return { outcome: 'skipped', powerUsage: null, generating: null, verdict: 'unclear', reasoning: '' };
}

/** Judges the unit of PowerUsage and Generating over `records` into `section`. */
export function judgePowerUnit(section: PowerSection, records: readonly Record<string, unknown>[]): void {
  section.powerUsage = distribution(readValues(records, 'PowerUsage'));
  section.generating = distribution(readValues(records, 'Generating'));
  section.outcome = 'pass';
  const usage = section.powerUsage;
  if (!usage || usage.count < MIN_SAMPLES) {
    section.reasoning = `only ${usage?.count ?? 0} PowerUsage values: too few to judge (${MIN_SAMPLES} needed)`;
    return;
  }
  const scale = Math.max(usage.p95, section.generating?.p95 ?? 0);
  const seen = `p95 PowerUsage ${round(usage.p95)}, Generating ${round(section.generating?.p95 ?? 0)} (median PowerUsage ${round(usage.median)}, ${usage.count} records)`;
  if (scale >= WATTS.min && scale <= WATTS.max) {
    section.verdict = 'W';
    section.reasoning = `${seen}: a household's range in W (100–10,000), far above its range in kW (0.1–10)`;
  } else if (scale >= KILOWATTS.min && scale <= KILOWATTS.max) {
    section.verdict = 'kW';
    section.reasoning = `${seen}: a household's range in kW (0.1–10), far below its range in W (100–10,000)`;
  } else {
    section.reasoning = `${seen}: neither a household's range in W (100–10,000) nor in kW (0.1–10)`;
  }
}

/** Median, 95th percentile (nearest rank) and maximum; null without values. */
export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return { count: sorted.length, median: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] as number };
}

function readValues(records: readonly Record<string, unknown>[], field: string): number[] {
  const values: number[] = [];
  for (const record of records) {
    const raw = record[field];
    // "" is zero as .NET's `#.##` prints it, the toolkit's reading (EMPTY_NUMBER_DEFAULT).
    const value = raw === '' && EMPTY_NUMBER_DEFAULT === 'zero' ? 0 : parseFormattedNumber(raw);
    if (!Number.isNaN(value)) values.push(value);
  }
  return values;
}

function round(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-AU') : String(Math.round(value * 100) / 100);
}
