import type { LiveState } from '@carbontrack/core/live';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type uPlot from 'uplot';
import { LazyModule } from '../shared/lazy-module.js';
import { bucketBars } from './bucket-bars.js';
import { uplotColumn } from './chart-data.js';
import type { HoverPoint } from './chart-tooltip.js';
import type { ChartModel } from './chart-view-model.js';
import type { PlotSeries } from './plot-series.js';
import { type TimeTick, timeTicks } from './time-axis.js';

/** What the plot is built with; a change of any of these builds a new uPlot. */
export interface PlotConfig {
  /** The series, in order (fields, circuits, earlier-period twins). */
  series: readonly PlotSeries[];
  /** Canvas colours of the series, in order. */
  colors: readonly string[];
  /** Axis text and grid colours. */
  axisColor: string;
  gridColor: string;
  mode: 'power' | 'energy';
  timeZone: string;
  lang: string;
  /** Formats a y-axis value. */
  formatY: (value: number) => string;
}

/** What the plot reports back to its element. */
export interface PlotEvents {
  /** The user dragged across [from, to]. */
  select(from: number, to: number): void;
  /** The cursor moved to a row (or left the plot: null). */
  hover(point: HoverPoint | null): void;
  /** The user double-clicked: show the whole range. */
  reset(): void;
  /** The user clicked row `idx` (not a drag). */
  click(idx: number): void;
  /** The plot's width changed (CSS px): the model may need recomputing. */
  resize(width: number): void;
}

type PlotEngine = typeof import('./plot-engine.js');
const plotEngine = new LazyModule<PlotEngine>('the chart', () => import('./plot-engine.js'));

/**
 * Owns one uPlot and the element it mounts into: builds it when the config changes, hands it new
 * data and x ranges, follows the mount's size, and destroys it when the host disconnects. Lit never
 * renders into the mount, so the plot's DOM is the controller's alone.
 */
export class PlotController implements ReactiveController {
  private plot: uPlot | null = null;
  private mount: HTMLElement | null = null;
  private configKey = '';
  private config: PlotConfig | null = null;
  private model: ChartModel | null = null;
  private range: [number, number] = [0, 1];
  private resizeObserver: ResizeObserver | undefined;
  private ticks: { key: string; ticks: TimeTick[] } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly events: PlotEvents,
  ) {
    host.addController(this);
  }

  /** The loaded engine, or undefined while uPlot's chunk loads (the host is updated once it is in). */
  private engine(): PlotEngine | undefined {
    return plotEngine.get(this.host);
  }

  /** uPlot's chunk as a live state: loading, loaded, or why it could not be loaded. */
  get loadState(): LiveState<unknown> {
    return plotEngine.state(this.host);
  }

  /** Forgets a failed load of uPlot's chunk, so the next draw asks for it again. */
  retryLoad(): void {
    plotEngine.retry();
  }

  private get pxRatio(): number {
    return plotEngine.value?.uPlot.pxRatio ?? (globalThis.devicePixelRatio || 1);
  }

  /** The uPlot instance (null before the first data). */
  get uplot(): uPlot | null {
    return this.plot;
  }

  /** The width of the drawing area, CSS px (0 before the plot exists). */
  get plotWidth(): number {
    return this.plot ? this.plot.bbox.width / this.pxRatio : 0;
  }

  /** Where uPlot's drawing area sits inside the mount, CSS px. */
  get plotOffset(): { left: number; top: number } {
    return this.plot
      ? { left: this.plot.bbox.left / this.pxRatio, top: this.plot.bbox.top / this.pxRatio }
      : { left: 0, top: 0 };
  }

  /** The labels the x axis shows now (what a person reads under the plot). */
  get xTicks(): readonly TimeTick[] {
    return this.ticks?.ticks ?? [];
  }

  hostDisconnected(): void {
    this.destroy();
  }

  /**
   * Builds the plot in `mount` unless one with the same config key is there already. False while
   * uPlot is still loading (the host updates again once it is).
   */
  ensure(mount: HTMLElement, config: PlotConfig, key: string): boolean {
    if (this.plot && this.mount === mount && this.configKey === key) return true;
    const engine = this.engine();
    if (!engine) return false;
    this.destroy();
    this.config = config;
    this.configKey = key;
    this.mount = mount;
    this.create(engine, mount, config);
    return true;
  }

  /** Draws `model` over the x `range`: new data when the model changed, else only the x scale. */
  draw(model: ChartModel, range: [number, number]): void {
    this.range = range;
    if (this.model !== model) {
      this.model = model;
      this.plot?.setData([model.time, ...model.columns.map(uplotColumn)] as unknown as uPlot.AlignedData);
    } else if (this.plot && (this.plot.scales.x?.min !== range[0] || this.plot.scales.x?.max !== range[1])) {
      this.plot.setScale('x', { min: range[0], max: range[1] });
    }
  }

  /** Shows or hides series `i` (0-based, without the x series). */
  setShown(i: number, show: boolean): void {
    if (this.plot?.series[i + 1] && this.plot.series[i + 1]?.show !== show) this.plot.setSeries(i + 1, { show });
  }

  /** Removes the plot and its DOM. */
  destroy(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.plot?.destroy();
    this.plot = null;
    this.mount = null;
    this.model = null;
    this.configKey = '';
  }

  private create({ uPlot, columnLines }: PlotEngine, mount: HTMLElement, config: PlotConfig): void {
    const rect = mount.getBoundingClientRect();
    const width = Math.max(100, Math.floor(rect.width));
    const height = Math.max(80, Math.floor(rect.height));
    const energy = config.mode === 'energy';
    const { axisColor: text, gridColor: grid } = config;
    const options: uPlot.Options = {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: !energy } },
      scales: {
        // Not a uPlot time scale: its ticks come from local Date fields of the browser's zone.
        x: { time: false, range: () => this.range },
        // Stacked bars reach the stack's top, which uPlot (seeing each series alone) does not know.
        y: {
          range: (_u, min, max) => {
            const top = Math.max(max, this.model?.stackMax ?? max);
            return [Math.min(0, min), top > 0 ? top * 1.05 : 1];
          },
        },
      },
      axes: [
        {
          stroke: text,
          // Room for one line of labels (uPlot's default of 50 px leaves a blank band under them).
          size: 32,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          splits: (u, _axis, min, max) => this.ticksFor(u, min, max).map((t) => t.at),
          values: (u) => this.ticksFor(u, u.scales.x?.min ?? 0, u.scales.x?.max ?? 1).map((t) => t.label),
        },
        {
          stroke: text,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: 72,
          values: (_u, splits) => splits.map((v) => config.formatY(v)),
        },
      ],
      series: [
        {},
        ...config.series.map((item, i): uPlot.Series => {
          const color = config.colors[i] ?? '#888';
          const layout = barLayout(config.series, i);
          return {
            label: item.label,
            stroke: color,
            width: energy ? 0 : 1.5,
            points: { show: false },
            ...(energy
              ? { fill: color, paths: bucketBars(layout.slot, layout.slots, () => this.model?.ends ?? [], layout.on) }
              : { paths: columnLines(color) }),
          };
        }),
      ],
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 2) {
              this.events.select(u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const idx = u.cursor.idx;
            this.events.hover(
              idx === null || idx === undefined ? null : { idx, left: u.cursor.left ?? 0, top: u.cursor.top ?? 0 },
            );
          },
        ],
      },
    };
    const plot = new uPlot(options, [[], ...config.series.map(() => [])], mount);
    plot.root.setAttribute('aria-hidden', 'true');
    plot.over.addEventListener('mouseup', (event) => {
      if (event.button !== 0 || (plot.select.width ?? 0) > 2) return;
      const idx = plot.cursor.idx;
      if (idx !== null && idx !== undefined) this.events.click(idx);
    });
    // uPlot's own double-click re-ranges x through scales.x.range, which follows the view.
    plot.over.addEventListener('dblclick', () => this.events.reset());
    plot.over.addEventListener('mouseleave', () => this.events.hover(null));
    this.plot = plot;
    this.resizeObserver = new ResizeObserver(() => this.onResize());
    this.resizeObserver.observe(mount);
  }

  private ticksFor(u: uPlot, min: number, max: number): TimeTick[] {
    const config = this.config;
    if (!config) return [];
    const width = u.bbox.width / this.pxRatio;
    const key = `${min}|${max}|${Math.round(width)}`;
    if (this.ticks?.key !== key) this.ticks = { key, ticks: timeTicks(min, max, width, config.timeZone, config.lang) };
    return this.ticks.ticks;
  }

  private onResize(): void {
    const mount = this.mount;
    const plot = this.plot;
    if (!mount || !plot) return;
    const width = Math.max(100, Math.floor(mount.clientWidth));
    const height = Math.max(80, Math.floor(mount.clientHeight));
    if (width === plot.width && height === plot.height) return;
    const widthChanged = width !== plot.width;
    plot.setSize({ width, height });
    if (widthChanged) this.events.resize(width);
  }
}

/**
 * Where series `i`'s bars go in a bucket: side by side, one slot each; or, when the circuits are
 * stacked, the circuits and the untracked remainder in one slot on top of each other (`on`: the
 * `u.data` indexes below), and each earlier-period twin in a slot of its own beside them.
 */
function barLayout(series: readonly PlotSeries[], i: number): { slot: number; slots: number; on: number[] } {
  const stacks = (p: PlotSeries | undefined) => p?.role === 'circuit' || p?.role === 'untracked';
  if (!series.some(stacks)) return { slot: i, slots: series.length, on: [] };
  const others = series.filter((p) => !stacks(p));
  const item = series[i];
  if (!stacks(item)) return { slot: 1 + others.indexOf(item as PlotSeries), slots: 1 + others.length, on: [] };
  const on: number[] = [];
  for (let j = 0; j < i; j++) if (stacks(series[j])) on.push(j + 1);
  return { slot: 0, slots: 1 + others.length, on };
}
