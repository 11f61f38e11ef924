import type { MeasurementSeries } from '@carbontrack/core';
import { type EnergySummary, summarize } from '@carbontrack/core/energy';
import { type EnergyPeriod, energyPeriodResource, type RangedSeries } from '@carbontrack/core/live';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { type AttributeProblem, problem } from '../shared/attribute-check.js';
import { CtElement } from '../shared/ct-element.js';
import { LiveController } from '../shared/live-controller.js';
import { TimeZoneController, zoneCaption } from '../shared/time-zone-controller.js';
import styles from './energy-summary.styles.js';

const PERIOD_LABELS: Record<EnergyPeriod, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  month: 'This month',
  '1y': 'Past year',
};

/**
 * @summary Energy totals of one device over a period: consumption, generation, import, export, self-consumption, self-sufficiency and CO₂.
 *
 * Computed with core's `summarize` (trapezoid integration, gaps over 15 minutes count as zero,
 * CO₂ from imported energy at core's default emission factor unless `emission-factor` is set).
 *
 * @csspart summary - The content wrapper.
 * @csspart title - The period heading.
 * @csspart zone - Which time zone the period is in, and why.
 * @csspart metrics - The list of totals.
 * @csspart metric - One total (label and value).
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
 * @event {CtErrorDetail} ct-error - A fetch failed; the widget shows the message and a retry button.
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

  /** Seconds between live refreshes while visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) override refreshInterval = 300;

  static override refreshIntervalDefault = 300;

  /**
   * Measurements already in memory (e.g. posted to a VS Code webview by its extension host): when
   * set, the summary covers this series and the widget fetches nothing.
   */
  @property({ attribute: false }) series: MeasurementSeries | undefined;

  private readonly zones = new TimeZoneController(this);
  private readonly data = new LiveController<RangedSeries>(this, () => {
    if (!this.deviceId || this.series || this.problems.some((p) => p.fatal)) return null;
    const zone = this.zone;
    return zone ? energyPeriodResource(this.deviceId, this.period, zone) : null;
  });
  private cached: { input: MeasurementSeries; key: string; summary: EnergySummary } | null = null;

  constructor() {
    super();
    this.controllers.push(this.zones.deviceController, this.data as LiveController<unknown>);
  }

  /** The device whose zone applies when no `time-zone` is set. */
  get zoneDeviceId(): string {
    return this.deviceId || this.series?.deviceId || '';
  }

  /** The zone of "today" and "month", null while it is being decided (or when `time-zone` is invalid). */
  get zone(): string | null {
    return this.zones.timeZone;
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
    return found;
  }

  /** The summary shown, or null before data. */
  get summary(): EnergySummary | null {
    const input = this.series ?? this.data.state.value?.series;
    const zone = this.zone;
    if (!input || !zone || this.problems.some((p) => p.fatal)) return null;
    const key = `${zone}|${this.emissionFactor ?? ''}`;
    if (this.cached?.input !== input || this.cached.key !== key) {
      const summary = summarize(input, {
        timeZone: zone,
        ...(this.emissionFactor !== undefined && this.emissionFactor !== null
          ? { emissionFactor: this.emissionFactor }
          : {}),
      });
      this.cached = { input, key, summary };
    }
    return this.cached.summary;
  }

  protected override get showsData(): boolean {
    return this.rendered('summary');
  }

  protected override render() {
    const status = this.series
      ? this.renderProblems()
      : this.renderStatus(this.zone ? [this.data.state] : [this.zones.deviceController.state, this.data.state]);
    if (status) return status;
    const s = this.summary;
    if (!s || s.samples === 0) return this.renderEmpty('No data in this period.');
    const resolved = this.zones.resolved;
    const f = this.format;
    const kwh = (v: number) => `${f.number(v, 1)} kWh`;
    const metric = (label: string, value: string) => html`<div part="metric"><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`<div part="summary">
      <div class="title" part="title">${this.series ? 'Selected range' : (PERIOD_LABELS[this.period] ?? this.period)}</div>
      ${resolved ? html`<div class="muted zone" part="zone">${zoneCaption(resolved)}</div>` : nothing}
      <dl part="metrics">
        ${metric('Consumption', kwh(s.consumptionKWh))} ${metric('Generation', kwh(s.generationKWh))}
        ${metric('Grid import', kwh(s.importKWh))} ${metric('Grid export', kwh(s.exportKWh))}
        ${metric('Self-consumption', f.percent(s.selfConsumptionPct))}
        ${metric('Self-sufficiency', f.percent(s.selfSufficiencyPct))}
        ${metric('CO₂ emitted', `${f.number(s.co2Kg, 1)} kg`)}
      </dl>
    </div>`;
  }
}
