import type { MeasurementSeries } from '@carbontrack/core';
import type { ComparisonKind, EnergySummary, Tariff } from '@carbontrack/core/energy';
import {
  type EnergyPeriod,
  energyComparisonResource,
  energyPeriodResource,
  type RangedSeries,
} from '@carbontrack/core/live';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { type AttributeProblem, problem } from '../shared/attribute-check.js';
import { CtElement } from '../shared/ct-element.js';
import { LazyModule } from '../shared/lazy-module.js';
import { LiveController } from '../shared/live-controller.js';
import { TimeZoneController, zoneCaption } from '../shared/time-zone-controller.js';
import styles from './energy-summary.styles.js';
import type { SummaryModel } from './summary-view.js';

const PERIOD_LABELS: Record<EnergyPeriod, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  '1y': 'Past year',
};

type SummaryMaths = typeof import('./summary-view.js');
const summaryMaths = new LazyModule<SummaryMaths>('the energy summary', () => import('./summary-view.js'));

// One fetch per tariff address for the page: fifty summaries on one tariff-url ask once. A failed
// load is forgotten, so a retry (or the next element) asks again.
const tariffLoads = new Map<string, Promise<Tariff>>();
const TARIFF_TIMEOUT_MS = 15_000;

/**
 * @summary Energy totals of one device over a period: consumption, generation, import, export, self-consumption, self-sufficiency and CO₂; with a tariff, what it cost; with `compare`, the change from an earlier period.
 *
 * Computed with core's `summarize` (trapezoid integration, gaps over 15 minutes count as zero,
 * CO₂ from imported energy at core's default emission factor unless `emission-factor` is set).
 * Given a `tariff` (property) or `tariff-url`, core's `cost` prices each interval at the local
 * time it was used: import cost, feed-in credit, supply, demand, GST and the net. `compare`
 * shows signed changes from `previous` (yesterday by this time, last month by this day, or the
 * same length before) or `year` (the same local times a year earlier), and says when the earlier
 * period has less data. Below 100 % the share of expected readings present is shown, so a gap in
 * the data does not read as a quiet day. The maths is a chunk of its own, loaded on first use.
 *
 * @csspart summary - The content wrapper.
 * @csspart title - The period heading.
 * @csspart zone - Which time zone the period is in, and why.
 * @csspart coverage - How complete the period's data is (shown below 100 %).
 * @csspart metrics - The list of totals.
 * @csspart metric - One total (label and value).
 * @csspart delta - The change of a total from the earlier period.
 * @csspart peak-time - When the peak demand was, in the zone shown.
 * @csspart comparison - What the changes are against, and whether that period has less data.
 * @csspart cost - The list of charges and credits (with a tariff).
 * @csspart net - The net amount.
 * @csspart cost-error - Why the tariff could not be used or could not price the period.
 * @csspart skeleton - The loading placeholder.
 * @csspart progress - How far a long load has got ("Loading 12 of 30 days").
 * @csspart error - The error state.
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-color-text - Text colour.
 * @cssproperty --ct-color-muted - Labels.
 * @cssproperty --ct-color-surface - Background.
 * @cssproperty --ct-color-border - Border colour.
 * @cssproperty --ct-color-accent - Buttons and focus rings.
 * @cssproperty --ct-color-error - Error text.
 * @cssproperty --ct-color-skeleton - Loading placeholder.
 * @cssproperty --ct-font-family - Font family.
 * @cssproperty --ct-radius - Corner radius.
 * @cssproperty --ct-spacing - Inner padding.
 *
 * @event {CtLoadDetail} ct-load - Fresh data arrived.
 * @event {CtReadyDetail} ct-ready - The summary shows its first data (once per element).
 * @event {CtErrorDetail} ct-error - A fetch, or a chunk it loads on demand (key `module:…`), failed; the widget shows the message and a retry button.
 *
 * @customElement ct-energy-summary
 */
export class CtEnergySummary extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /** `today`, `7d`, `30d`, `month` or `1y` (calendar periods in the time zone shown). */
  @property() period: EnergyPeriod = 'today';

  /**
   * IANA time zone of "today" and "month". Default: the provider's `time-zone`, else the device's
   * own zone (from its coordinates), else the browser's.
   */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** kg CO₂-e per kWh imported, a number ≥ 0 (default: core's Australian average). */
  @property({ attribute: 'emission-factor', type: Number }) emissionFactor: number | undefined;

  /**
   * `previous` or `year`: show each total's change from the earlier period (needs `device-id`).
   * Empty (the default): no comparison.
   */
  @property() compare: ComparisonKind | '' = '';

  /**
   * A tariff (core's `Tariff`, as `tariff.schema.json` describes it): adds the period's cost.
   * Takes precedence over `tariff-url`.
   */
  @property({ attribute: false }) tariff: Tariff | undefined;

  /** Address of a tariff JSON file to fetch (same origin, or one that allows this page by CORS). */
  @property({ attribute: 'tariff-url' }) tariffUrl = '';

  /** Seconds between live refreshes while visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) override refreshInterval = 300;

  static override refreshIntervalDefault = 300;

  /**
   * Measurements already in memory (e.g. posted to a VS Code webview by its extension host): when
   * set, the summary covers this series and the widget fetches nothing.
   */
  @property({ attribute: false }) series: MeasurementSeries | undefined;

  /**
   * With `series`: the period it was read for, epoch ms [from, to). Coverage then counts the
   * readings missing at its ends too (without it, the series stands for itself).
   */
  @property({ attribute: false }) seriesPeriod: { from: number; to: number } | undefined;

  /**
   * With `series`: the earlier period's measurements, also in memory, and the period they were
   * read for. The totals then show their changes from it (as `compare` does for a device-id);
   * `compare` names what it is (`previous`, the default, or `year`).
   */
  @property({ attribute: false }) comparisonData: { series: MeasurementSeries; from: number; to: number } | undefined;

  private readonly zones = new TimeZoneController(this);
  private readonly data = new LiveController<RangedSeries>(this, () => {
    if (!this.deviceId || this.series || this.problems.some((p) => p.fatal)) return null;
    const zone = this.zone;
    return zone ? energyPeriodResource(this.deviceId, this.period, zone) : null;
  });
  private readonly earlier = new LiveController<RangedSeries>(this, () => {
    const kind = this.comparisonKind;
    const zone = this.zone;
    if (!kind || !zone || !this.deviceId || this.series || this.problems.some((p) => p.fatal)) return null;
    return energyComparisonResource(this.deviceId, this.period, kind, zone);
  });
  private cached: { inputs: readonly unknown[]; model: SummaryModel } | null = null;
  private tariffLoad: { url: string; tariff?: Tariff; error?: string } | null = null;
  private checkedTariff: { tariff: Tariff; error: string | null } | null = null;

  constructor() {
    super();
    this.controllers.push(
      this.zones.deviceController,
      this.data as LiveController<unknown>,
      this.earlier as LiveController<unknown>,
    );
  }

  /** The device whose zone applies when no `time-zone` is set. */
  get zoneDeviceId(): string {
    return this.deviceId || this.series?.deviceId || '';
  }

  /** The zone of "today" and "month", null while it is being decided (or when `time-zone` is invalid). */
  get zone(): string | null {
    return this.zones.timeZone;
  }

  private get comparisonKind(): ComparisonKind | null {
    return this.compare === 'previous' || this.compare === 'year' ? this.compare : null;
  }

  protected override checkAttributes(): AttributeProblem[] {
    const found = super.checkAttributes();
    if (!Object.hasOwn(PERIOD_LABELS, this.period)) {
      found.push(problem('period', this.period, `must be one of ${Object.keys(PERIOD_LABELS).join(', ')}`, true));
    }
    const zone = this.zones.check();
    if (zone) found.push(zone);
    const factor = this.emissionFactor;
    if (factor !== undefined && factor !== null && !(Number.isFinite(factor) && factor >= 0)) {
      const given = this.getAttribute('emission-factor') ?? String(factor);
      found.push(problem('emission-factor', given, 'must be a number of kg CO₂-e per kWh, 0 or more', true));
    }
    if (this.compare && !this.comparisonKind) {
      found.push(problem('compare', this.compare, "must be 'previous' or 'year'; no comparison shown"));
    }
    return found;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.syncTariffUrl();
  }

  /** Retries the failed fetches, the tariff and the maths chunk. */
  override retry(): Promise<void> {
    summaryMaths.retry();
    if (this.tariffLoad?.error) this.tariffLoad = null;
    this.requestUpdate();
    return super.retry();
  }

  /** Starts loading `tariff-url` when it changed (once the maths, which checks it, is in). */
  private syncTariffUrl(): void {
    const url = this.tariffUrl?.trim() ?? '';
    if (!url || this.tariff) {
      this.tariffLoad = null;
      return;
    }
    if (this.tariffLoad?.url === url) return;
    const maths = summaryMaths.get(this);
    if (!maths) return;
    const load = { url } as { url: string; tariff?: Tariff; error?: string };
    this.tariffLoad = load;
    let pending = tariffLoads.get(url);
    if (!pending) {
      pending = maths.loadTariff(url, AbortSignal.timeout(TARIFF_TIMEOUT_MS));
      tariffLoads.set(url, pending);
      pending.catch(() => tariffLoads.delete(url));
    }
    pending
      .then(
        (tariff) => {
          load.tariff = tariff;
        },
        (error: unknown) => {
          load.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        if (this.tariffLoad === load) this.requestUpdate();
      });
  }

  /** The tariff in use and whether it is usable: the property (checked), else the loaded `tariff-url`. */
  private tariffInUse(maths: SummaryMaths): { tariff: Tariff | null; error: string | null; loading: boolean } {
    if (this.tariff) {
      if (this.checkedTariff?.tariff !== this.tariff) {
        this.checkedTariff = { tariff: this.tariff, error: maths.tariffProblem(this.tariff) };
      }
      const { error } = this.checkedTariff;
      return { tariff: error ? null : this.tariff, error, loading: false };
    }
    const load = this.tariffLoad;
    if (!load) return { tariff: null, error: null, loading: false };
    return { tariff: load.tariff ?? null, error: load.error ?? null, loading: !load.tariff && !load.error };
  }

  /** The summary shown, or null before data. */
  get summary(): EnergySummary | null {
    return this.model?.summary ?? null;
  }

  /** Everything shown: summary, comparison and cost, or null before data (or before the maths is in). */
  get model(): SummaryModel | null {
    // An in-memory series stands for its period when given, else for itself (its coverage then
    // runs from its first sample to its last).
    const period = this.seriesPeriod;
    const current = this.series
      ? period && period.to > period.from
        ? { series: this.series, from: period.from, to: period.to }
        : { series: this.series, from: null, to: null }
      : this.data.state.value;
    const zone = this.zone;
    const maths = summaryMaths.value;
    if (!current || !zone || !maths || this.problems.some((p) => p.fatal)) return null;
    const earlier = this.series
      ? (this.comparisonData ?? null)
      : this.comparisonKind
        ? (this.earlier.state.value ?? null)
        : null;
    const { tariff } = this.tariffInUse(maths);
    const emissionFactor =
      this.emissionFactor !== undefined && this.emissionFactor !== null ? this.emissionFactor : undefined;
    const inputs = [current, earlier, zone, emissionFactor, tariff];
    if (!this.cached || inputs.some((v, i) => v !== this.cached?.inputs[i])) {
      const model = maths.summaryModel({
        current,
        earlier,
        timeZone: zone,
        emissionFactor,
        tariff,
        now: Date.now(),
      });
      this.cached = { inputs, model };
    }
    return this.cached.model;
  }

  protected override get showsData(): boolean {
    return this.rendered('summary');
  }

  protected override render() {
    const mathsState = summaryMaths.state(this);
    // Data given in memory needs no provider, only the maths; otherwise the zone, the data and the maths.
    const shown = this.series
      ? this.renderStatus([mathsState], false)
      : this.renderStatus([...(this.zone ? [] : [this.zones.deviceController.state]), this.data.state, mathsState]);
    if (shown) return shown;
    const model = this.model;
    const maths = summaryMaths.value;
    if (!model || !maths || model.summary.samples === 0) return this.renderEmpty('No data in this period.');
    const resolved = this.zones.resolved;
    return maths.renderSummary({
      model,
      format: this.format,
      title: this.series ? 'Selected range' : (PERIOD_LABELS[this.period] ?? this.period),
      zoneCaption: resolved ? zoneCaption(resolved) : null,
      timeZone: this.zone ?? 'UTC',
      period: this.period,
      compare: this.series && this.comparisonData ? (this.comparisonKind ?? 'previous') : this.comparisonKind,
      inMemory: Boolean(this.series),
      earlierFailed: this.earlier.state.error !== undefined,
      tariff: this.tariffInUse(maths),
    });
  }
}
