import type { MeasurementField, MeasurementSeries } from '@carbontrack/core';
import { html, type TemplateResult } from 'lit';
import { fieldInfo, fieldUnit } from '../shared/field-info.js';
import type { Formatter } from '../shared/locale.js';
import { lowerBound } from './chart-data.js';
import type { ChartView } from './chart-view.js';

/** Minimum, maximum, mean and latest of one field in a view. */
export interface SeriesStats {
  field: MeasurementField;
  min: number;
  max: number;
  mean: number;
  latest: number;
  /** Samples with a value. */
  count: number;
}

/** The statistics of each field over the rows of `series` in `view` (gaps skipped). */
export function seriesStats(
  series: MeasurementSeries,
  fields: readonly MeasurementField[],
  view: ChartView,
): SeriesStats[] {
  const start = lowerBound(series.time, view.from);
  const end = lowerBound(series.time, view.to + 1);
  return fields.map((field) => {
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
}

/** What the table needs to say. */
export interface ChartTableInput {
  caption: string;
  rows: readonly SeriesStats[];
  format: Formatter;
}

/**
 * The chart for screen readers: a visually hidden table of each series' minimum, maximum, mean and
 * latest value in the view. Wrapped in a clipped box, since a table grows to its content's width.
 */
export function chartTable({ caption, rows, format }: ChartTableInput): TemplateResult {
  const value = (v: number, field: MeasurementField, has: boolean) =>
    has ? format.withUnit(v, fieldUnit(field)) : '–';
  return html`<div class="visually-hidden" part="table">
    <table>
      <caption>
        ${caption}
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
              <td>${value(r.min, r.field, r.count > 0)}</td>
              <td>${value(r.max, r.field, r.count > 0)}</td>
              <td>${value(r.mean, r.field, r.count > 0)}</td>
              <td>${value(r.latest, r.field, r.count > 0)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
