import { isMeasurementField, type MeasurementField, type MeasurementSeries } from '@carbontrack/core';
import { resample } from '@carbontrack/core/energy';
import { type RangedSeries, seriesResource } from '@carbontrack/core/live';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import { CtElement } from '../shared/ct-element.js';
import { emit } from '../shared/events.js';
import { fieldInfo, fieldUnit } from '../shared/field-info.js';
import { LiveController } from '../shared/live-controller.js';
import { type ChartColumns, chartColumns, lowerBound } from './chart-data.js';
import { columnLines } from './column-lines.js';
import styles from './usage-chart.styles.js';

const COLOR_TOKENS: Record<string, string> = {
  PowerUsage: '--_usage',
  Generating: '--_solar',
  PowerExported: '--_grid',
  PowerUsageNet: '--_error',
  BatteryCharge: '--_battery',
};
const PALETTE = ['--_accent', '--_online', '--_error', '--_muted'];
const DAY_MS = 86_400_000;

let browserZone: string | undefined;
/** The browser's time zone, resolved once (an Intl.DateTimeFormat per call is slow). */
function defaultZone(): string {
  browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return browserZone;
}

/** The time range shown: the whole data range, or a zoomed part of it. */
export interface ChartView {
  /** Start, epoch ms. */
  from: number;
  /** End, epoch ms. */
  to: number;
}

/**
 * @summary Power of one device over time, on uPlot: zoom, legend toggles, tooltip, energy bars.
 *
 * Long ranges are reduced per pixel column with core's M4 downsampling, so drawing cost follows the
 * width, not the number of rows. `mode="energy"` shows hourly (ranges up to 7 days) or daily kWh
 * bars from core's `resample`. Drag across the plot to zoom, double-click (or the reset button) to
 * reset. A visually hidden table summarises each series for screen readers.
 *
 * @csspart chart - The content wrapper.
 * @csspart toolbar - Legend and reset button.
 * @csspart legend - The series toggles.
 * @csspart legend-item - One series toggle button.
 * @csspart reset-button - The reset-zoom button (shown while zoomed).
 * @csspart plot - The box the canvas fills.
 * @csspart tooltip - The crosshair tooltip.
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state.
 * @csspart error-message - The error's message.
 * @csspart retry-button - The retry button.
 * @csspart empty - The empty state.
 *
 * @cssproperty --ct-chart-height - Height of the plot (default 240px).
 * @cssproperty --ct-color-usage - PowerUsage series.
 * @cssproperty --ct-color-solar - Generating series.
 * @cssproperty --ct-color-grid - PowerExported series.
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
 * @event {CtLoadEvent} ct-load - Fresh data arrived.
 * @event {CtErrorEvent} ct-error - A fetch failed; the chart shows the message and a retry button.
 * @event {CtSelectEvent} ct-select - The user clicked a point: its time and the values of the shown series.
 */
export class CtUsageChart extends CtElement {
  static override styles = styles;

  /** The 16-digit device ID. */
  @property({ attribute: 'device-id' }) deviceId = '';

  /** `24h`, `7d`, `30d` (relative to now, slides on refresh) or `custom` (use `from` and `to`). */
  @property() range: '24h' | '7d' | '30d' | 'custom' = '24h';

  /** Start of a custom range (ISO 8601). */
  @property() from = '';

  /** End of a custom range (ISO 8601, exclusive). */
  @property() to = '';

  /** Comma-separated measurement fields to plot. */
  @property() fields = 'PowerUsage,Generating,PowerExported';

  /** `power` (lines, W) or `energy` (hourly or daily kWh bars). */
  @property() mode: 'power' | 'energy' = 'power';

  /** IANA time zone of the axis, tooltip and energy buckets (default: the browser's). */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Data to show instead of fetching it (e.g. already in memory); overrides `device-id`. */
  @property({ attribute: false }) series: MeasurementSeries | undefined;

  @state() private view: ChartView | null = null;
  @state() private hidden_: ReadonlySet<string> = new Set();
  @state() private hover: { idx: number; left: number; top: number } | null = null;

  @query('.plot') private plotEl!: HTMLElement | null;
  @query('.probe') private probeEl!: HTMLElement | null;

  private readonly data = new LiveController<RangedSeries>(this, () => {
    if (this.series || !this.deviceId) return null;
    return this.range === 'custom'
      ? seriesResource(this.deviceId, { from: this.from, to: this.to })
      : seriesResource(this.deviceId, { range: this.range });
  });

  private plot: uPlot | null = null;
  private plotKey = '';
  private plotHost: HTMLElement | null = null;
  private drawn: { series: MeasurementSeries; fullFrom: number; fullTo: number } | null = null;
  private shown: ChartColumns | null = null;
  private fieldsCache: { fields: string; list: MeasurementField[] } | null = null;
  private dateFormat: { key: string; format: Intl.DateTimeFormat } | null = null;
  private stats: { key: string; series: MeasurementSeries; rows: SeriesStats[] } | null = null;
  private resizeObserver: ResizeObserver | undefined;
  private width = 0;
  private readonly colorScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

  constructor() {
    super();
    this.controllers.push(this.data as LiveController<unknown>);
    this.refreshInterval = 300;
  }

  /** The fields plotted, in order (unknown names are ignored). */
  get fieldList(): MeasurementField[] {
    if (this.fieldsCache?.fields !== this.fields) {
      const list = this.fields
        .split(',')
        .map((f) => f.trim())
        .filter(isMeasurementField);
      this.fieldsCache = { fields: this.fields, list: list.length > 0 ? [...new Set(list)] : ['PowerUsage'] };
    }
    return [...this.fieldsCache.list];
  }

  /** The range currently drawn (zoomed or whole), or null before data. */
  get currentView(): ChartView | null {
    const active = this.activeSeries;
    return this.view ?? (active ? { from: active.from, to: active.to } : null);
  }

  /** The uPlot instance, for advanced use and tests (null before data). */
  get uplot(): uPlot | null {
    return this.plot;
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
    const next = new Set(this.hidden_);
    const visible = show ?? next.has(field);
    if (visible) next.delete(field);
    else next.add(field);
    this.hidden_ = next;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.colorScheme?.addEventListener('change', this.onSchemeChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colorScheme?.removeEventListener('change', this.onSchemeChange);
    this.destroyPlot();
  }

  private readonly onSchemeChange = (): void => {
    this.plotKey = '';
    this.requestUpdate();
  };

  private get activeSeries(): { series: MeasurementSeries; from: number; to: number } | null {
    if (this.series) {
      const s = this.series;
      const first = s.length > 0 ? (s.time[0] as number) : 0;
      const last = s.length > 0 ? (s.time[s.length - 1] as number) : 0;
      return { series: s, from: first, to: last };
    }
    const value = this.data.state.value;
    return value ? { series: value.series, from: value.from, to: value.to } : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('range') || changed.has('from') || changed.has('to') || changed.has('deviceId')) this.view = null;
  }

  protected override render() {
    const active = this.activeSeries;
    if (!active) {
      const status = this.series ? null : this.renderStatus([this.data.state]);
      if (status) return status;
    }
    if (!active || active.series.length === 0) return this.renderEmpty('No data in this range.');
    const fields = this.fieldList;
    const energy = this.mode === 'energy';
    return html`<div part="chart">
      <div class="toolbar" part="toolbar">
        <div class="legend" part="legend" role="group" aria-label="Series">
          ${fields.map(
            (field) =>
              html`<button
                type="button"
                part="legend-item"
                aria-pressed=${this.hidden_.has(field) ? 'false' : 'true'}
                style="--_swatch: var(${this.colorToken(field)})"
                @click=${() => this.toggleField(field)}
              >
                <span class="swatch"></span>${fieldInfo(field)?.label ?? field}
              </button>`,
          )}
        </div>
        ${
          this.view
            ? html`<button type="button" part="reset-button" @click=${() => this.resetZoom()}>Reset zoom</button>`
            : nothing
        }
      </div>
      <div class="plot" part="plot" aria-hidden="true">${this.renderTooltip(fields, energy)}</div>
      ${this.renderTable(fields, energy)}
      <span class="probe"></span>
    </div>`;
  }

  private renderTooltip(fields: MeasurementField[], energy: boolean) {
    const shown = this.shown;
    const hover = this.hover;
    if (!hover || !shown || shown.time[hover.idx] === undefined) return nothing;
    const time = shown.time[hover.idx] as number;
    const left = Math.min(hover.left + 12, Math.max(0, this.width - 180));
    return html`<div class="tooltip" part="tooltip" style="left:${left}px;top:${Math.max(0, hover.top - 10)}px">
      <strong>${this.dateTime(time)}</strong>
      ${fields.map((field, i) =>
        this.hidden_.has(field)
          ? nothing
          : html`<div>
              <span>${fieldInfo(field)?.label ?? field}</span
              ><span>${this.formatValue(shown.columns[i]?.[hover.idx] ?? Number.NaN, field, energy)}</span>
            </div>`,
      )}
    </div>`;
  }

  private renderTable(fields: MeasurementField[], energy: boolean) {
    const active = this.activeSeries;
    const view = this.currentView;
    if (!active || !view) return nothing;
    const f = this.format;
    const { series } = active;
    const rows = this.seriesStats(series, fields, view);
    const unit = fieldUnit;
    return html`<table class="visually-hidden">
      <caption>
        ${energy ? 'Energy' : 'Power'} of device ${this.deviceId || series.deviceId || ''} from
        ${this.dateTime(view.from)} to ${this.dateTime(view.to)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Minimum</th>
          <th scope="col">Maximum</th>
          <th scope="col">Mean</th>
          <th scope="col">Latest</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${fieldInfo(r.field)?.label ?? r.field}</th>
              <td>${r.count ? f.withUnit(r.min, unit(r.field)) : '–'}</td>
              <td>${r.count ? f.withUnit(r.max, unit(r.field)) : '–'}</td>
              <td>${f.withUnit(r.mean, unit(r.field))}</td>
              <td>${f.withUnit(r.latest, unit(r.field))}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const active = this.activeSeries;
    const host = this.plotEl;
    if (!active || !host || active.series.length === 0) {
      this.destroyPlot();
      return;
    }
    const fields = this.fieldList;
    const key = [fields.join(','), this.mode, this.zone, this.theme, this.format.lang].join('|');
    if (!this.plot || this.plotHost !== host || key !== this.plotKey) {
      this.destroyPlot();
      this.createPlot(host, fields);
      this.plotHost = host;
      this.plotKey = key;
      this.drawn = null;
    }
    const dataChanged = this.drawn?.series !== active.series;
    if (dataChanged || (changed as PropertyValues).has('view')) {
      this.drawn = { series: active.series, fullFrom: active.from, fullTo: active.to };
      this.redraw();
    }
    if ((changed as PropertyValues).has('hidden_')) {
      fields.forEach((field, i) => {
        const show = !this.hidden_.has(field);
        if (this.plot?.series[i + 1]?.show !== show) this.plot?.setSeries(i + 1, { show });
      });
    }
  }

  private get zone(): string {
    return this.timeZone || defaultZone();
  }

  /** Like `format.dateTime(epochMs, zone)`, with the Intl formatter kept between renders. */
  private dateTime(epochMs: number): string {
    const zone = this.zone;
    const key = `${this.format.lang}|${zone}`;
    if (this.dateFormat?.key !== key) {
      const format = new Intl.DateTimeFormat(this.format.lang, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: zone,
      });
      this.dateFormat = { key, format };
    }
    return this.dateFormat.format.format(epochMs);
  }

  /** Min, max, mean and latest of each field in the view; kept while series, fields and view stay. */
  private seriesStats(series: MeasurementSeries, fields: MeasurementField[], view: ChartView): SeriesStats[] {
    const key = `${fields.join(',')}|${view.from}|${view.to}`;
    if (this.stats?.series === series && this.stats.key === key) return this.stats.rows;
    const start = lowerBound(series.time, view.from);
    const end = lowerBound(series.time, view.to + 1);
    const rows = fields.map((field) => {
      const column = series.columns[field];
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      let sum = 0;
      let count = 0;
      let latest = Number.NaN;
      for (let i = start; i < end; i++) {
        const v = column[i] as number;
        if (Number.isNaN(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v;
        count++;
        latest = v;
      }
      return { field, min, max, mean: count ? sum / count : Number.NaN, latest, count };
    });
    this.stats = { key, series, rows };
    return rows;
  }

  private colorToken(field: string): string {
    const fields = this.fieldList as string[];
    return COLOR_TOKENS[field] ?? (PALETTE[fields.indexOf(field) % PALETTE.length] as string);
  }

  /** Resolves `--_token`s to colours the canvas understands, with one style recalculation. */
  private resolveColors(tokens: string[]): string[] {
    const probe = this.probeEl;
    if (!probe) return tokens.map(() => '#888');
    const spans = tokens.map((token) => {
      const span = document.createElement('span');
      span.style.color = `var(${token})`;
      return span;
    });
    probe.style.display = 'block';
    probe.replaceChildren(...spans);
    const colors = spans.map((span) => getComputedStyle(span).color);
    probe.replaceChildren();
    probe.style.display = '';
    return colors;
  }

  private formatValue(value: number | null, field: string, energy: boolean): string {
    if (value === null || !Number.isFinite(value)) return '–';
    return energy ? `${this.format.number(value, 2)} kWh` : this.format.withUnit(value, fieldUnit(field));
  }

  private createPlot(host: HTMLElement, fields: MeasurementField[]): void {
    const energy = this.mode === 'energy';
    const [text = '#888', grid = '#888', ...colors] = this.resolveColors([
      '--_muted',
      '--_border',
      ...fields.map((field) => this.colorToken(field)),
    ]);
    const zone = this.zone;
    const rect = host.getBoundingClientRect();
    this.width = Math.max(100, Math.floor(rect.width));
    const height = Math.max(80, Math.floor(rect.height));
    const f = this.format;
    const options: uPlot.Options = {
      width: this.width,
      height,
      ms: 1,
      tzDate: (ts) => uPlot.tzDate(new Date(ts), zone),
      legend: { show: false },
      cursor: {
        drag: { x: true, y: false, setScale: false },
      },
      scales: {
        x: { time: true, range: () => this.xRange() },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      },
      axes: [
        { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        {
          stroke: text,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 64,
          values: (_u, splits) =>
            splits.map((v) => (energy ? `${f.number(v, 1)} kWh` : f.withUnit(v, fieldUnit(fields[0] ?? '')))),
        },
      ],
      series: [
        {},
        ...fields.map((field, i): uPlot.Series => {
          const color = colors[i] ?? '#888';
          return {
            label: field,
            stroke: color,
            width: energy ? 0 : 1.5,
            show: !this.hidden_.has(field),
            points: { show: false },
            ...(energy ? { fill: color, paths: groupedBars(i, fields.length) } : { paths: columnLines(color) }),
          };
        }),
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 2) {
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              this.zoom(from, to);
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const idx = u.cursor.idx;
            const next =
              idx === null || idx === undefined ? null : { idx, left: u.cursor.left ?? 0, top: u.cursor.top ?? 0 };
            if (next?.idx !== this.hover?.idx || next?.left !== this.hover?.left) this.hover = next;
          },
        ],
      },
    };
    this.plot = new uPlot(options, [[], ...fields.map(() => [])], host);
    this.plot.root.setAttribute('aria-hidden', 'true');
    this.plot.over.addEventListener('mouseup', this.onPlotClick);
    // uPlot's own double-click re-ranges x through scales.x.range, which follows the view.
    this.plot.over.addEventListener('dblclick', () => this.resetZoom());
    this.plot.over.addEventListener('mouseleave', () => {
      this.hover = null;
    });
    this.resizeObserver = new ResizeObserver(() => this.onResize());
    this.resizeObserver.observe(host);
  }

  private xRange(): [number, number] {
    const view = this.currentView;
    return view ? [view.from, view.to] : [0, 1];
  }

  /** Recomputes what to draw for the current view and width, and hands it to uPlot. */
  private redraw(): void {
    const plot = this.plot;
    const drawn = this.drawn;
    const view = this.currentView;
    if (!plot || !drawn || !view) return;
    const fields = this.fieldList;
    const { series } = drawn;
    if (this.mode === 'energy') {
      const unit = view.to - view.from > 7 * DAY_MS ? 'day' : 'hour';
      const buckets = resample(series, unit, { fields, timeZone: this.zone, aggregate: 'energy' });
      const keep: number[] = [];
      for (let i = 0; i < buckets.start.length; i++) {
        if ((buckets.end[i] as number) > view.from && (buckets.start[i] as number) < view.to) keep.push(i);
      }
      this.shown = {
        time: Float64Array.from(keep, (i) => buckets.start[i] as number),
        columns: fields.map((field) => keep.map((i) => buckets.columns[field][i] as number)),
      };
    } else {
      const pixels = Math.max(1, Math.round(plot.bbox.width / (globalThis.devicePixelRatio || 1)) || this.width);
      this.shown = chartColumns(
        series.time,
        fields.map((field) => series.columns[field]),
        view.from,
        view.to,
        pixels,
      );
    }
    this.hover = null;
    // uPlot draws typed arrays as they are (no copy); gaps are nulls in plain arrays.
    plot.setData([this.shown.time, ...this.shown.columns] as unknown as uPlot.AlignedData);
  }

  private onResize(): void {
    const host = this.plotEl;
    const plot = this.plot;
    if (!host || !plot) return;
    const width = Math.max(100, Math.floor(host.clientWidth));
    const height = Math.max(80, Math.floor(host.clientHeight));
    if (width === this.width && height === plot.height) return;
    const widthChanged = width !== this.width;
    this.width = width;
    plot.setSize({ width, height });
    if (widthChanged) this.redraw();
  }

  private readonly onPlotClick = (event: MouseEvent): void => {
    if (event.button !== 0) return;
    // A drag selects a range to zoom into, not a point.
    if ((this.plot?.select.width ?? 0) > 2) return;
    const idx = this.plot?.cursor.idx;
    const shown = this.shown;
    if (idx === null || idx === undefined || !shown) return;
    const values: Record<string, number> = {};
    this.fieldList.forEach((field, i) => {
      const v = shown.columns[i]?.[idx];
      if (!this.hidden_.has(field) && v !== null && v !== undefined) values[field] = v;
    });
    emit(this, 'ct-select', {
      deviceId: this.deviceId || this.drawn?.series.deviceId || '',
      time: shown.time[idx] ?? null,
      values,
    });
  };

  private destroyPlot(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.plot?.destroy();
    this.plot = null;
    this.plotHost = null;
    this.shown = null;
    this.drawn = null;
  }
}

interface SeriesStats {
  field: MeasurementField;
  min: number;
  max: number;
  mean: number;
  latest: number;
  count: number;
}

/** Bars of series `i` of `n`, side by side within each bucket. */
function groupedBars(i: number, n: number): uPlot.Series.PathBuilder | undefined {
  const width = 0.8 / n;
  return uPlot.paths.bars?.({
    size: [width, 40],
    align: 1,
    disp: {
      x0: { unit: 2, values: (u) => Array.from(u.data[0], () => -0.4 + i * width) },
      size: { unit: 2, values: (u) => Array.from(u.data[0], () => width) },
    },
  });
}
