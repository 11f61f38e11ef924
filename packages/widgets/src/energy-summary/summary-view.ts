// What <ct-energy-summary> shows, and the energy maths behind it, loaded on first use (a chunk of
// its own in ct-widgets.js): pages with only cards, flows or power charts never download
// summaries, tariffs and costs.
import type { MeasurementSeries } from '@carbontrack/core';
import {
  type ComparisonKind,
  type CostResult,
  compareSummaries,
  cost,
  coverage,
  type Delta,
  type EnergyComparison,
  type EnergySummary,
  summarize,
  type Tariff,
  validateTariff,
} from '@carbontrack/core/energy';
import { readTextWithin } from '@carbontrack/core/http';
import type { EnergyPeriod } from '@carbontrack/core/live';
import { html, nothing, type TemplateResult } from 'lit';
import type { Formatter } from '../shared/locale.js';

/** A fetched period: its series and the [from, to) it was read for. */
export interface Period {
  series: MeasurementSeries;
  from: number;
  to: number;
}

/** What the summary shows. */
export interface SummaryModel {
  summary: EnergySummary;
  /** Against the earlier period, when one was asked for and fetched. */
  comparison: EnergyComparison | null;
  /** The period's cost under the tariff; null without one (or when it cannot price the period). */
  bill: CostResult | null;
  /** The earlier period's cost, for the change in net. */
  earlierBill: CostResult | null;
  /** Why the tariff could not price the period (a day no version covers, say). */
  billError: string | null;
}

/** What the summary is computed from. */
export interface SummaryInput {
  /** The period read; `from`/`to` null for a series that stands for itself (given in memory). */
  current: Period | { series: MeasurementSeries; from: null; to: null };
  earlier: Period | null;
  timeZone: string;
  emissionFactor: number | undefined;
  tariff: Tariff | null;
  /** Now, epoch ms: a period ending about now is live (its newest reading may still be on its way). */
  now: number;
}

// A live period's newest samples may not have arrived yet (devices send every 5 minutes, the API
// lags): coverage counts up to this long before its end, so "today" does not read 99 % all day.
const LIVE_LAG_MS = 10 * 60_000;

/** The summary, comparison and cost of a period, by core's rules. */
export function summaryModel(input: SummaryInput): SummaryModel {
  const options = {
    timeZone: input.timeZone,
    ...(input.emissionFactor !== undefined ? { emissionFactor: input.emissionFactor } : {}),
  };
  const { current, earlier } = input;
  let summary: EnergySummary;
  if (current.from === null) {
    summary = summarize(current.series, options);
  } else {
    summary = summarize(current.series, { ...options, period: { from: current.from, to: current.to } });
    // Every sample counts; only the coverage stops short of a live period's end.
    const liveEnd = current.to - LIVE_LAG_MS;
    if (current.to > input.now - LIVE_LAG_MS && liveEnd > current.from) {
      summary = { ...summary, coverage: coverage(current.series, current.from, liveEnd) };
    }
  }
  let comparison: EnergyComparison | null = null;
  if (earlier && earlier.to > earlier.from) {
    const before = summarize(earlier.series, { ...options, period: { from: earlier.from, to: earlier.to } });
    comparison = compareSummaries(
      { summary, coverage: summary.coverage },
      { summary: before, coverage: before.coverage },
    );
  }
  let bill: CostResult | null = null;
  let earlierBill: CostResult | null = null;
  let billError: string | null = null;
  if (input.tariff) {
    try {
      // Within a known period, supply is charged for the part of each day inside it.
      bill = cost(current.series, input.tariff, {
        timeZone: input.timeZone,
        ...(current.from !== null ? { period: { from: current.from, to: current.to } } : {}),
      });
    } catch (error) {
      billError = error instanceof Error ? error.message : String(error);
    }
    if (bill && earlier && earlier.series.length > 0) {
      try {
        earlierBill = cost(earlier.series, input.tariff, {
          timeZone: input.timeZone,
          period: { from: earlier.from, to: earlier.to },
        });
      } catch {
        // The tariff has no prices that far back: the change in net is not shown.
      }
    }
  }
  return { summary, comparison, bill, earlierBill, billError };
}

/** The largest tariff file read (a tariff is a few kB; anything this big is not one). */
const MAX_TARIFF_BYTES = 512 * 1024;

/**
 * Fetches and checks a tariff (JSON, `tariff.schema.json`) from `url`. Every failure is an Error
 * whose message names the URL (without its query) and the problem: HTTP status, not JSON, too
 * big, a timeout, or the path in the tariff that fails its checks.
 */
export async function loadTariff(url: string, signal: AbortSignal): Promise<Tariff> {
  const shown = shownUrl(url);
  // A browser refuses such a URL with a message that repeats it, password and all: say why
  // without it, and without asking.
  if (hasUserInfo(url)) {
    throw new Error(`Could not load the tariff from ${shown}: the address carries a user name or password`);
  }
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    const reason = signal.aborted ? 'it took too long' : error instanceof Error ? error.message : String(error);
    // The browser's words may quote the address: only the part shown elsewhere is kept.
    throw new Error(`Could not load the tariff from ${shown}: ${reason.replaceAll(url, shown)}`);
  }
  if (!response.ok) throw new Error(`Could not load the tariff from ${shown}: HTTP ${response.status}`);
  // Read a chunk at a time and abandoned past the limit: a server that sends far more than a
  // tariff (or never stops) costs at most that, not the page's memory.
  let body: { text: string } | null;
  try {
    body = await readTextWithin(response, MAX_TARIFF_BYTES);
  } catch (error) {
    // A body that stalls past the timeout ends the read like a stalled connection does.
    if (signal.aborted) throw new Error(`Could not load the tariff from ${shown}: it took too long`);
    throw error;
  }
  if (!body) throw new Error(`The tariff at ${shown} is over ${MAX_TARIFF_BYTES / 1024} kB`);
  const { text } = body;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`The tariff at ${shown} is not JSON`);
  }
  try {
    return validateTariff(value);
  } catch (error) {
    throw new Error(`The tariff at ${shown} is not valid: ${(error as Error).message}`);
  }
}

/** Whether the address carries a user name or password (`https://user:secret@host/`). */
function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url, globalThis.location?.href);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/** A URL as shown in messages: without its query or fragment, which may carry a key. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url, globalThis.location?.href);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'that address';
  }
}

const COMPARED_WITH: Record<EnergyPeriod, Record<ComparisonKind, string>> = {
  today: { previous: 'yesterday by this time', year: 'this day a year ago' },
  '7d': { previous: 'the 7 days before', year: 'the same 7 days a year ago' },
  '30d': { previous: 'the 30 days before', year: 'the same 30 days a year ago' },
  month: { previous: 'last month by this day', year: 'this month a year ago' },
  '1y': { previous: 'the year before', year: 'the year before' },
};

/** What {@link renderSummary} shows. */
export interface SummaryView {
  model: SummaryModel;
  format: Formatter;
  /** The heading ("Today", "Selected range"). */
  title: string;
  /** Which zone, and why, or null. */
  zoneCaption: string | null;
  /** The zone times are shown in. */
  timeZone: string;
  period: EnergyPeriod;
  /** The comparison asked for, and whether it can be had (a series in memory has no earlier period). */
  compare: ComparisonKind | null;
  inMemory: boolean;
  /** Why the earlier period is missing, when its fetch failed. */
  earlierFailed: boolean;
  /** The tariff in use, or why there is none. */
  tariff: { tariff: Tariff | null; error: string | null; loading: boolean };
}

/** The summary's content: totals with their changes, coverage, the comparison's note and the cost. */
export function renderSummary(view: SummaryView): TemplateResult {
  const { model, format: f } = view;
  const s = model.summary;
  const comparison = model.comparison;
  const kwh = (v: number) => `${f.number(v, 1)} kWh`;
  const change = (d: Delta | undefined, unit: string) =>
    !d
      ? nothing
      : html`<span class="delta muted" part="delta"
          >${d.change === null ? 'no data then' : `${f.signed(d.change, 2)} ${unit}`}${
            d.percent === null || !Number.isFinite(d.percent) ? '' : ` (${f.signed(d.percent, 0)} %)`
          }</span
        >`;
  const metric = (label: string, value: string, delta: TemplateResult | typeof nothing = nothing) =>
    html`<div part="metric"><dt>${label}</dt><dd>${value}${delta}</dd></div>`;
  const percentComplete = s.coverage === null ? null : Math.floor(s.coverage * 100);
  return html`<div part="summary">
    <div class="title" part="title">${view.title}</div>
    ${view.zoneCaption ? html`<div class="muted zone" part="zone">${view.zoneCaption}</div>` : nothing}
    ${
      percentComplete !== null && percentComplete < 100
        ? html`<div class="coverage" part="coverage">Data ${percentComplete} % complete: readings are missing in this period.</div>`
        : nothing
    }
    <dl part="metrics">
      ${metric('Consumption', kwh(s.consumptionKWh), change(comparison?.consumptionKWh, 'kWh'))}
      ${metric('Generation', kwh(s.generationKWh), change(comparison?.generationKWh, 'kWh'))}
      ${metric('Grid import', kwh(s.importKWh), change(comparison?.importKWh, 'kWh'))}
      ${metric('Grid export', kwh(s.exportKWh), change(comparison?.exportKWh, 'kWh'))}
      ${metric('Self-consumption', f.percent(s.selfConsumptionPct))}
      ${metric('Self-sufficiency', f.percent(s.selfSufficiencyPct))}
      ${metric('CO₂ emitted', `${f.number(s.co2Kg, 1)} kg`, change(comparison?.co2Kg, 'kg'))}
      ${
        s.peakDemandW !== null && s.peakDemandTime !== null
          ? metric(
              'Peak demand',
              f.power(s.peakDemandW),
              html`<span class="delta muted" part="peak-time"
                >at ${f.dateTime(s.peakDemandTime, view.timeZone, { dateStyle: 'medium', timeStyle: 'short' })}</span
              >`,
            )
          : nothing
      }
    </dl>
    ${view.compare ? renderComparison(view, view.compare) : nothing} ${renderCost(view)}
  </div>`;
}

function renderComparison(view: SummaryView, kind: ComparisonKind): TemplateResult {
  const comparison = view.model.comparison;
  const against = view.inMemory
    ? kind === 'year'
      ? 'the same period a year earlier'
      : 'the period before'
    : COMPARED_WITH[view.period]?.[kind];
  if (!comparison) {
    const text = view.inMemory
      ? 'No comparison: it needs a device-id, or the earlier period in comparisonData.'
      : view.earlierFailed
        ? 'The earlier period could not be loaded.'
        : `Loading ${against}…`;
    return html`<p class="muted comparison" part="comparison">${text}</p>`;
  }
  const then = comparison.previous;
  const thenComplete = then.coverage === null ? null : Math.floor(then.coverage * 100);
  const note =
    then.summary.samples === 0
      ? ` There is no data for ${against}.`
      : comparison.lessData
        ? ` That period has less data (${thenComplete} % complete), so the changes are not like for like.`
        : '';
  return html`<p class="muted comparison" part="comparison">Changes are against ${against}.${note}</p>`;
}

function renderCost(view: SummaryView): TemplateResult | typeof nothing {
  const { tariff, error, loading } = view.tariff;
  const model = view.model;
  if (error) return html`<p class="cost-error" part="cost-error" role="alert">${error}</p>`;
  if (loading) return html`<p class="muted" part="cost-error">Loading the tariff…</p>`;
  if (!tariff) return nothing;
  if (model.billError || !model.bill) {
    return html`<p class="cost-error" part="cost-error" role="alert">The tariff cannot price this period: ${model.billError ?? 'no result'}</p>`;
  }
  const bill = model.bill;
  const f = view.format;
  const money = (v: number) => f.money(v, bill.currency);
  const row = (label: string, value: string) => html`<div part="metric"><dt>${label}</dt><dd>${value}</dd></div>`;
  const earlier = model.earlierBill;
  const netChange = earlier
    ? html`<span class="delta muted" part="delta">${f.money(bill.net - earlier.net, bill.currency, true)}</span>`
    : nothing;
  return html`<dl part="cost" aria-label=${`Cost under ${tariff.name}`}>
      ${row('Import cost', money(bill.importCost))}
      ${row('Feed-in credit', money(bill.exportCredit > 0 ? -bill.exportCredit : 0))}
      ${row('Supply', money(bill.supply))}
      ${bill.demand > 0 || tariff.versions.some((v) => v.demand) ? row('Demand', money(bill.demand)) : nothing}
      ${bill.gst > 0 ? row('GST', money(bill.gst)) : nothing}
      <div part="metric net"><dt>Net</dt><dd>${money(bill.net)}${netChange}</dd></div>
    </dl>
    <p class="muted tariff-name">${tariff.name}</p>`;
}

/**
 * Checks a tariff given as a property: null when it is valid, else the message naming the path
 * in it that fails its checks.
 */
export function tariffProblem(tariff: Tariff): string | null {
  try {
    validateTariff(tariff);
    return null;
  } catch (error) {
    return `The tariff is not valid: ${(error as Error).message}`;
  }
}
