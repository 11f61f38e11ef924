import {
  concatSeries,
  isMeasurementField,
  MEASUREMENT_FIELDS,
  type MeasurementField,
  type MeasurementSeries,
} from '@carbontrack/core';
import type { ComparisonKind } from '@carbontrack/core/energy';
import {
  isRangePreset,
  RANGE_PRESETS,
  type RangedSeries,
  seriesComparisonResource,
  seriesResource,
} from '@carbontrack/core/live';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { type AttributeProblem, problem } from '../shared/attribute-check.js';
import { CtElement } from '../shared/ct-element.js';
import { emit } from '../shared/events.js';
import { fieldUnit } from '../shared/field-info.js';
import { LazyModule } from '../shared/lazy-module.js';
import { LiveController, messageOf } from '../shared/live-controller.js';
import { TimeZoneController, zoneCaption } from '../shared/time-zone-controller.js';
import { viewAfterKey } from './chart-keyboard.js';
import { chartTable, seriesStats } from './chart-table.js';
import { chartTooltip, type HoverPoint } from './chart-tooltip.js';
import { type ChartModel, type ChartView, powerModel, xRange } from './chart-view-model.js';
import { PlotController } from './plot-controller.js';
import { type PlotSeries, plotSeriesList } from './plot-series.js';
import type { TimeTick } from './time-axis.js';
import styles from './usage-chart.styles.js';

export type { ChartView } from './chart-view-model.js';

const COLOR_TOKENS: Record<string, string> = {
  PowerUsage: '--_usage',
  Generating: '--_solar',
  PowerExported: '--_grid',
  PowerUsageNet: '--_error',
  BatteryCharge: '--_battery',
};
const PALETTE = ['--_accent', '--_online', '--_error', '--_muted'];
const CIRCUIT_TOKENS = ['--_accent', '--_online', '--_solar', '--_grid'];
const DEFAULT_FIELDS = 'PowerUsage,Generating,PowerExported';
// Earlier-period twins are drawn in their field's colour, this opaque: present, but behind.
const MUTED_ALPHA = 0.4;

type EnergyMaths = typeof import('./energy-model.js');
const energyMaths = new LazyModule<EnergyMaths>("the chart's energy bars", () => import('./energy-model.js'));

/**
 * @summary Power of one device over time, on uPlot: zoom by mouse or keyboard, legend toggles, tooltip, energy bars.
 *
 * Times (axis, tooltip, table, energy buckets) are in one zone: `time-zone`, else the provider's
 * `time-zone`, else the device's own zone from its coordinates, else the browser's; the chart
 * says which. Long ranges are reduced per pixel column with core's M4 downsampling, so drawing cost
 * follows the width, not the number of rows. `mode="energy"` shows kWh bars per local hour (views
 * up to 2 days), day (up to 93 days) or month; with `stack="circuits"` the four circuits
 * (Power1..4, named by `circuit-labels`) stacked with the untracked remainder of PowerUsage.
 * `compare="previous|year"` overlays the period before (the same length) or a year earlier, muted:
 * lines at the matching instants, bars beside each bucket. Drag across the plot to zoom, double-click to reset;
 * on the focused plot ←/→ pan, `+`/`-` zoom, Home/End jump, Escape resets. A visually hidden
 * table summarises each series for screen readers.
 *
 * @csspart chart - The content wrapper.
 * @csspart toolbar - Legend, time zone and reset button.
 * @csspart legend - The series toggles (arrow keys move between them).
 * @csspart legend-item - One series toggle button.
 * @csspart zone - Which time zone the times are in, and why.
 * @csspart compare-note - Why the earlier period is missing from the chart (loading, failed, no data).
 * @csspart reset-button - The reset-zoom button (shown while zoomed).
 * @csspart plot - The focusable box the canvas fills.
 * @csspart tooltip - The crosshair tooltip.
 * @csspart table - The visually hidden summary table.
 * @csspart skeleton - The loading placeholder.
 * @csspart progress - How far a long load has got ("Loading 120 of 365 days").
 * @csspart error - The error state (also for an attribute that makes the chart useless).
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-chart-height - Height of the plot (default 240px).
 * @cssproperty --ct-color-usage - PowerUsage series.
 * @cssproperty --ct-color-solar - Generating series.
 * @cssproperty --ct-color-power-grid - PowerExported series, to the electricity grid (`--ct-color-grid` still works).
 * @cssproperty --ct-color-battery - BatteryCharge series.
 * @cssproperty --ct-color-text - Text colour.
 * @cssproperty --ct-color-muted - Axes and secondary text.
 * @cssproperty --ct-color-surface - Background.
 * @cssproperty --ct-color-border - Border and grid lines.
 * @cssproperty --ct-color-accent - Buttons, focus rings and the zoom selection.
 * @cssproperty --ct-color-error - Error text.
 * @cssproperty --ct-font-family - Font family.
 * @cssproperty --ct-radius - Corner radius.
 * @cssproperty --ct-spacing - Inner padding.
 *
 * @event {CtLoadDetail} ct-load - Fresh data arrived.
 * @event {CtErrorDetail} ct-error - A fetch, or a chunk it loads on demand (key `module:…`), failed; the chart shows the message and a retry button.
 * @event {CtSelectDetail} ct-select - The user clicked a point: its time and the values of the shown series.
 * @event {CtReadyDetail} ct-ready - The chart shows its first data (once per element).
 *
 * @customElement ct-usage-chart
 */
export class CtUsageChart extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /**
   * `24h`, `7d`, `30d`, `1y` (the last 24 hours, 7, 30 or 365 days; slides on refresh) or
   * `custom` (use `from` and `to`).
   */
  @property() range: '24h' | '7d' | '30d' | '1y' | 'custom' = '24h';

  /** Start of a custom range (ISO 8601). */
  @property() from = '';

  /** End of a custom range (ISO 8601, exclusive; after `from`). */
  @property() to = '';

  /** Comma-separated measurement fields to plot (an unknown name is a console warning listing the valid ones). */
  @property() fields = DEFAULT_FIELDS;

  /** `power` (lines, W) or `energy` (kWh bars per local hour, day or month). */
  @property() mode: 'power' | 'energy' = 'power';

  /**
   * `previous` or `year`: overlay the period just before (the same length) or the same local
   * times a year earlier, muted (needs `device-id`). Empty (the default): no comparison.
   */
  @property() compare: ComparisonKind | '' = '';

  /** `circuits` (energy mode): stack Power1..Power4 with the untracked rest of PowerUsage instead of `fields`. */
  @property() stack: 'circuits' | '' = '';

  /** Names of the circuits, comma-separated, Power1 first ("Hot water,Air con,,Pool"); a blank one is "Circuit n". */
  @property({ attribute: 'circuit-labels' }) circuitLabels = '';

  /**
   * IANA time zone of the axis, tooltip, table and energy buckets. Default: the provider's
   * `time-zone`, else the device's own zone (from its coordinates), else the browser's.
   */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Seconds between live refreshes while visible; 0 turns polling off. */
  @property({ attribute: 'refresh-interval', type: Number }) override refreshInterval = 300;

  static override refreshIntervalDefault = 300;

  /** Data to show instead of fetching it (e.g. already in memory); overrides `device-id`. */
  @property({ attribute: false }) series: MeasurementSeries | undefined;

  @state() private view: ChartView | null = null;
  @state() private hiddenFields: ReadonlySet<string> = new Set();
  @state() private hover: HoverPoint | null = null;
  @state() private legendFocus = 0;

  private get mountEl(): HTMLElement | null {
    return this.renderRoot.querySelector('.plot-mount');
  }

  private get probeEl(): HTMLElement | null {
    return this.renderRoot.querySelector('.probe');
  }

  private readonly zones = new TimeZoneController(this);
  private readonly data = new LiveController<RangedSeries>(this, () => {
    if (this.series || !this.deviceId || this.problems.some((p) => p.fatal)) return null;
    return this.range === 'custom'
      ? seriesResource(this.deviceId, { from: this.from, to: this.to })
      : seriesResource(this.deviceId, { range: this.range });
  });
  private readonly earlier = new LiveController<RangedSeries>(this, () => {
    const kind = this.comparisonKind;
    const zone = this.zone;
    if (!kind || !zone || this.series || !this.deviceId || this.problems.some((p) => p.fatal)) return null;
    const range = this.range === 'custom' ? { from: this.from, to: this.to } : { range: this.range };
    return seriesComparisonResource(this.deviceId, range, kind, zone);
  });
  private readonly plot = new PlotController(this, {
    select: (from, to) => this.zoom(from, to),
    hover: (point) => {
      if (point?.idx !== this.hover?.idx || point?.left !== this.hover?.left) this.hover = point;
    },
    reset: () => this.resetZoom(),
    click: (idx) => this.onPlotClick(idx),
    resize: () => this.requestUpdate(),
  });

  private model: {
    key: string;
    series: MeasurementSeries;
    earlier: RangedSeries | null;
    model: ChartModel;
  } | null = null;
  private colorsKey = '';
  private readonly colorScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

  constructor() {
    super();
    this.controllers.push(
      this.zones.deviceController,
      this.data as LiveController<unknown>,
      this.earlier as LiveController<unknown>,
    );
  }

  private get comparisonKind(): ComparisonKind | null {
    return this.compare === 'previous' || this.compare === 'year' ? this.compare : null;
  }

  /** The series drawn, in order: the fields (or the stacked circuits and their remainder), then the earlier twins. */
  get plotSeries(): PlotSeries[] {
    return plotSeriesList({
      fields: this.fieldList,
      mode: this.mode_,
      compare: this.comparisonKind,
      stackCircuits: this.stack === 'circuits',
      circuitLabels: (this.circuitLabels ?? '').split(','),
    });
  }

  /** The fields plotted, in order: the valid names of `fields` (PowerUsage when none is valid). */
  get fieldList(): MeasurementField[] {
    const list = this.fields
      .split(',')
      .map((f) => f.trim())
      .filter(isMeasurementField);
    return list.length > 0 ? [...new Set(list)] : ['PowerUsage'];
  }

  /** The range currently drawn (zoomed or whole), or null before data. */
  get currentView(): ChartView | null {
    return this.view ?? this.wholeView;
  }

  /** The uPlot instance, for advanced use and tests (null before data). */
  get uplot(): uPlot | null {
    return this.plot.uplot;
  }

  /** The x-axis labels shown now, with their instants. */
  get axisTicks(): readonly TimeTick[] {
    return this.plot.xTicks;
  }

  /** The zone the chart shows times in, null while it is being decided. */
  get zone(): string | null {
    return this.zones.timeZone;
  }

  /** The device whose zone applies when no `time-zone` is set. */
  get zoneDeviceId(): string {
    return this.deviceId || this.series?.deviceId || '';
  }

  /** Zooms to [from, to] (epoch ms). */
  zoom(from: number, to: number): void {
    if (!(to > from)) return;
    this.view = { from, to };
  }

  /** Shows the whole range again. */
  resetZoom(): void {
    this.view = null;
  }

  /** Shows or hides one field's series. */
  toggleField(field: string, show?: boolean): void {
    const next = new Set(this.hiddenFields);
    const visible = show ?? next.has(field);
    if (visible) next.delete(field);
    else next.add(field);
    this.hiddenFields = next;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme?.addEventListener('change', this.onSchemeChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.onSchemeChange);
  }

  protected override checkAttributes(): AttributeProblem[] {
    const found = super.checkAttributes();
    if (this.range !== 'custom' && !isRangePreset(this.range)) {
      found.push(problem('range', this.range, `must be one of ${[...RANGE_PRESETS, 'custom'].join(', ')}`, true));
    }
    if (this.range === 'custom' && !this.series) {
      const from = Date.parse(this.from);
      const to = Date.parse(this.to);
      if (Number.isNaN(from))
        found.push(problem('from', this.from, 'must be an ISO 8601 date for range="custom"', true));
      else if (Number.isNaN(to))
        found.push(problem('to', this.to, 'must be an ISO 8601 date for range="custom"', true));
      else if (!(to > from)) found.push(problem('to', this.to, `must be after from="${this.from}"`, true));
    }
    if (this.mode !== 'power' && this.mode !== 'energy') {
      found.push(problem('mode', this.mode, "must be 'power' or 'energy'; using 'power'"));
    }
    const names = this.fields.split(',').map((f) => f.trim());
    const unknown = names.filter((f) => f && !isMeasurementField(f));
    if (unknown.length > 0) {
      const valid = MEASUREMENT_FIELDS.map((f) => f.name).join(', ');
      const fatal = unknown.length === names.filter(Boolean).length;
      found.push(
        problem(
          'fields',
          this.fields,
          `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid: ${valid}`,
          fatal,
        ),
      );
    }
    if (this.compare && !this.comparisonKind) {
      found.push(problem('compare', this.compare, "must be 'previous' or 'year'; no comparison shown"));
    } else if (this.comparisonKind && this.series && !this.deviceId) {
      found.push(problem('compare', this.compare, 'needs device-id: a series given in memory has no earlier period'));
    }
    if (this.stack && this.stack !== 'circuits') {
      found.push(problem('stack', this.stack, "must be 'circuits' or empty; not stacking"));
    } else if (this.stack === 'circuits' && this.mode_ !== 'energy') {
      found.push(problem('stack', this.stack, 'applies to mode="energy"; power is drawn as lines'));
    }
    const zone = this.zones.check();
    if (zone) found.push(zone);
    return found;
  }

  private readonly onSchemeChange = (): void => {
    this.colorsKey = '';
    this.requestUpdate();
  };

  private get mode_(): 'power' | 'energy' {
    return this.mode === 'energy' ? 'energy' : 'power';
  }

  /** The data shown and the whole range it covers. */
  private get active(): { series: MeasurementSeries; from: number; to: number } | null {
    if (this.series) {
      const s = this.series;
      const first = s.length > 0 ? (s.time[0] as number) : 0;
      const last = s.length > 0 ? (s.time[s.length - 1] as number) : 0;
      return { series: s, from: first, to: last };
    }
    const value = this.data.state.value;
    return value ? { series: value.series, from: value.from, to: value.to } : null;
  }

  private get wholeView(): ChartView | null {
    const active = this.active;
    return active ? { from: active.from, to: active.to } : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('range') || changed.has('from') || changed.has('to') || changed.has('deviceId')) this.view = null;
  }

  // The plot exists and has drawn a model: set in the update before, drawn in its microtask.
  protected override get showsData(): boolean {
    return this.plot.uplot !== null && this.model !== null;
  }

  /** Retries the failed fetches and the chart's chunks that failed to load (uPlot, the energy maths). */
  override retry(): Promise<void> {
    this.plot.retryLoad();
    energyMaths.retry();
    this.requestUpdate();
    return super.retry();
  }

  protected override render() {
    const invalid = this.renderProblems();
    if (invalid) return invalid;
    const active = this.active;
    const zone = this.zones.resolved;
    if (!active || !zone) {
      const states = this.series
        ? [this.zones.deviceController.state]
        : [this.zones.deviceController.state, this.data.state];
      const status = this.renderStatus(zone ? states.slice(1) : states);
      if (status) return status;
    }
    if (!active || !zone || active.series.length === 0) return this.renderEmpty('No data in this range.');
    const series = this.plotSeries;
    const view = this.currentView as ChartView;
    const mathsFailed = this.mode_ === 'energy' || this.comparisonKind ? energyMaths.error : undefined;
    if (mathsFailed !== undefined) {
      const status = this.renderStatus([energyMaths.state(this)]);
      if (status) return status;
    }
    // Without uPlot's chunk there is nothing to draw in: say so, with Retry, instead of an empty plot.
    const engine = this.plot.loadState;
    if (engine.error !== undefined) {
      const status = this.renderStatus([engine]);
      if (status) return status;
    }
    return html`<div part="chart">
      <div class="toolbar" part="toolbar">
        <div class="legend" part="legend" role="group" aria-label="Series" @keydown=${this.onLegendKey}>
          ${series.map(
            (item, i) =>
              html`<button
                type="button"
                part="legend-item"
                class=${item.role === 'compare' ? 'muted-series' : ''}
                tabindex=${i === Math.min(this.legendFocus, series.length - 1) ? 0 : -1}
                aria-pressed=${this.hiddenFields.has(item.key) ? 'false' : 'true'}
                .style=${`--_swatch:var(${this.colorToken(item, series)})`}
                @click=${() => this.toggleField(item.key)}
                @focus=${() => {
                  this.legendFocus = i;
                }}
              >
                <span class="swatch"></span>${item.label}
              </button>`,
          )}
        </div>
        <span class="zone muted" part="zone">${zoneCaption(zone)}</span>
        ${this.renderCompareNote()}
        ${
          this.view
            ? html`<button type="button" part="reset-button" @click=${() => this.resetZoom()}>Reset zoom</button>`
            : nothing
        }
      </div>
      <div
        class="plot"
        part="plot"
        tabindex="0"
        role="application"
        aria-roledescription="chart"
        aria-label=${`${this.mode_ === 'energy' ? 'Energy' : 'Power'} chart from ${this.dateTime(view.from)} to ${this.dateTime(view.to)}. Arrow keys pan, plus and minus zoom, Escape resets.`}
        @keydown=${this.onPlotKey}
      >
        <div class="plot-mount"></div>
        ${chartTooltip({
          hover: this.hover,
          model: this.model?.model ?? null,
          hidden: this.hiddenFields,
          width: this.mountEl?.clientWidth ?? 0,
          offsetLeft: this.plot.plotOffset.left,
          offsetTop: this.plot.plotOffset.top,
          dateTime: (t) => this.dateTime(t),
          value: (v, item) => this.formatValue(v, item.field ?? 'PowerUsage'),
        })}
      </div>
      ${chartTable({
        caption: `${this.mode_ === 'energy' ? 'Energy' : 'Power'} of device ${this.deviceId || active.series.deviceId || ''} from ${this.dateTime(view.from)} to ${this.dateTime(view.to)}`,
        rows: this.model?.model.stats ?? [],
        format: this.format,
      })}
      <span class="probe"></span>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const active = this.active;
    const mount = this.mountEl;
    const zone = this.zone;
    if (!active || !mount || !zone || active.series.length === 0) {
      this.plot.destroy();
      this.model = null;
      return;
    }
    const fields = this.fieldList;
    const series = this.plotSeries;
    const mode = this.mode_;
    const lang = this.format.lang;
    const key = [series.map((p) => `${p.key}=${p.label}`).join(','), mode, zone, this.theme, lang, this.colorsKey].join(
      '|',
    );
    const [axisColor = '#888', gridColor = '#888', ...colors] = this.resolveColors(key, series);
    const f = this.format;
    const ready = this.plot.ensure(
      mount,
      {
        series,
        colors,
        axisColor,
        gridColor,
        mode,
        timeZone: zone,
        lang,
        formatY: (v) => (mode === 'energy' ? `${f.number(v, 1)} kWh` : f.withUnit(v, fieldUnit(fields[0] ?? ''))),
      },
      key,
    );
    if (!ready) return;
    const view = this.currentView as ChartView;
    const pixels = Math.max(1, Math.round(this.plot.plotWidth) || mount.clientWidth);
    const modelKey = [key, view.from, view.to, mode === 'power' ? pixels : 0].join('|');
    const kind = this.comparisonKind;
    const earlier = kind ? (this.earlier.state.value ?? null) : null;
    if (this.model?.key !== modelKey || this.model.series !== active.series || this.model.earlier !== earlier) {
      let model: ChartModel | null;
      if (mode === 'power') {
        const shift = earlier ? { series: earlier.series, shiftMs: active.from - earlier.from } : null;
        model = powerModel(active.series, series, view, pixels, shift);
      } else {
        // The energy maths is its own chunk: drawn once it is in (the host updates then).
        const maths = energyMaths.get(this);
        const statsFields = this.stack === 'circuits' ? (['PowerUsage'] as MeasurementField[]) : fields;
        model = maths
          ? maths.energyModel(
              active.series,
              series,
              view,
              zone,
              earlier && kind
                ? { both: concatSeries([earlier.series, active.series]), kind, shiftMs: active.from - earlier.from }
                : null,
              (this.circuitLabels ?? '').split(','),
              seriesStats(active.series, statsFields, view),
            )
          : null;
      }
      if (!model) return;
      this.model = { key: modelKey, series: active.series, earlier, model };
      this.hover = null;
      // The table shows the new model's statistics: one more (cheap) render.
      this.requestUpdate();
    }
    this.plot.draw(this.model.model, xRange(this.model.model, view));
    series.forEach((item, i) => {
      this.plot.setShown(i, !this.hiddenFields.has(item.key));
    });
  }

  /** Says when the earlier period is loading, failed or has no data (the overlay is then missing). */
  private renderCompareNote(): TemplateResult | typeof nothing {
    if (!this.comparisonKind || this.series) return nothing;
    const state = this.earlier.state;
    const text =
      state.error !== undefined
        ? `The earlier period could not be loaded: ${messageOf(state.error)}`
        : state.value === undefined
          ? 'Loading the earlier period…'
          : state.value.series.length === 0
            ? 'No data in the earlier period.'
            : null;
    return text ? html`<span class="compare-note muted" part="compare-note" role="status">${text}</span>` : nothing;
  }

  /** The date and time of an instant in the chart's zone and language. */
  private dateTime(epochMs: number): string {
    return this.format.dateTime(epochMs, this.zone ?? 'UTC');
  }

  private colorToken(item: PlotSeries, series: readonly PlotSeries[]): string {
    if (item.role === 'circuit') return CIRCUIT_TOKENS[series.indexOf(item) % CIRCUIT_TOKENS.length] as string;
    if (item.role === 'untracked') return '--_muted';
    const field = item.field as string;
    const fields = series.filter((p) => p.role === 'field').map((p) => p.field);
    return COLOR_TOKENS[field] ?? (PALETTE[Math.max(0, fields.indexOf(item.field)) % PALETTE.length] as string);
  }

  private resolvedColors: { key: string; colors: string[] } | null = null;

  /** Resolves the axis and series `--_token`s to colours the canvas understands, with one style recalculation. */
  private resolveColors(key: string, series: readonly PlotSeries[]): string[] {
    if (this.resolvedColors?.key === key) return this.resolvedColors.colors;
    const tokens = ['--_muted', '--_border', ...series.map((item) => this.colorToken(item, series))];
    const probe = this.probeEl;
    if (!probe) return tokens.map(() => '#888');
    const spans = tokens.map((token) => {
      const span = document.createElement('span');
      span.style.color = `var(${token})`;
      return span;
    });
    probe.style.display = 'block';
    probe.replaceChildren(...spans);
    const colors = spans.map((span, i) => {
      const color = getComputedStyle(span).color;
      return series[i - 2]?.role === 'compare' ? withAlpha(color, MUTED_ALPHA) : color;
    });
    probe.replaceChildren();
    probe.style.display = '';
    this.resolvedColors = { key, colors };
    return colors;
  }

  private formatValue(value: number | null, field: string): string {
    if (value === null || !Number.isFinite(value)) return '–';
    return this.mode_ === 'energy'
      ? `${this.format.number(value, 2)} kWh`
      : this.format.withUnit(value, fieldUnit(field));
  }

  private readonly onPlotKey = (event: KeyboardEvent): void => {
    const whole = this.wholeView;
    const view = this.currentView;
    if (!whole || !view || event.altKey || event.ctrlKey || event.metaKey) return;
    const next = viewAfterKey(event.key, view, whole);
    if (next === undefined) return;
    event.preventDefault();
    this.view = next;
  };

  private readonly onLegendKey = (event: KeyboardEvent): void => {
    const buttons = [...(this.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="legend-item"]') ?? [])];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const last = buttons.length - 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (at + 1) % buttons.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (at + last) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.legendFocus = next;
    buttons[next]?.focus();
  };

  private onPlotClick(idx: number): void {
    const model = this.model?.model;
    if (!model) return;
    const values: Record<string, number> = {};
    model.series.forEach((item, i) => {
      const v = model.columns[i]?.[idx];
      if (!this.hiddenFields.has(item.key) && v !== null && v !== undefined && !Number.isNaN(v)) values[item.key] = v;
    });
    emit(this, 'ct-select', {
      deviceId: this.deviceId || this.active?.series.deviceId || '',
      time: model.time[idx] ?? null,
      values,
    });
  }
}

/** A computed CSS colour ("rgb(…)" or "rgba(…)") at `alpha` opacity. */
function withAlpha(color: string, alpha: number): string {
  const parts = color.match(/[\d.]+/g);
  if (!parts || parts.length < 3) return color;
  return `rgba(${parts[0]}, ${parts[1]}, ${parts[2]}, ${alpha})`;
}
