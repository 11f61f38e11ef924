import { html, nothing, type TemplateResult } from 'lit';
import type { ChartModel } from './chart-view-model.js';
import type { PlotSeries } from './plot-series.js';

/** Where the cursor is: the row it is on and its position in the plot, CSS px. */
export interface HoverPoint {
  idx: number;
  left: number;
  top: number;
}

/** What the tooltip shows. */
export interface ChartTooltipInput {
  hover: HoverPoint | null;
  model: ChartModel | null;
  /** The model's series (hidden ones, by key, are left out). */
  hidden: ReadonlySet<string>;
  /** Width of the plot, CSS px, to keep the tooltip inside it. */
  width: number;
  /** Offset of uPlot's drawing area inside the plot box, CSS px. */
  offsetLeft: number;
  offsetTop: number;
  dateTime: (epochMs: number) => string;
  value: (value: number, series: PlotSeries) => string;
}

const TOOLTIP_WIDTH = 180;

/**
 * The crosshair tooltip: the time and each shown series' value at the cursor. Rendered by Lit in
 * its own layer beside uPlot's mount, never inside it, so Lit and uPlot never move each other's
 * nodes (the cause of the plot vanishing at the first hover).
 */
export function chartTooltip(input: ChartTooltipInput): TemplateResult | typeof nothing {
  const { hover, model } = input;
  if (!hover || !model) return nothing;
  const time = model.time[hover.idx];
  if (time === undefined) return nothing;
  const x = input.offsetLeft + hover.left;
  const left = x + 12 + TOOLTIP_WIDTH > input.width ? Math.max(0, x - 12 - TOOLTIP_WIDTH) : x + 12;
  const top = Math.max(0, input.offsetTop + hover.top - 10);
  // A property binding: \`.style = "…"\` sets the CSSOM's cssText, which a strict
  // Content-Security-Policy (no inline styles) allows, where it refuses a style attribute.
  return html`<div class="tooltip" part="tooltip" .style=${`left:${left}px;top:${top}px`}>
    <strong>${input.dateTime(time)}</strong>
    ${model.series.map((series, i) =>
      input.hidden.has(series.key)
        ? nothing
        : html`<div>
            <span>${series.label}</span
            ><span>${input.value(model.columns[i]?.[hover.idx] ?? Number.NaN, series)}</span>
          </div>`,
    )}
  </div>`;
}
