import type { MeasurementField } from '@carbontrack/core';
import type { ComparisonKind } from '@carbontrack/core/energy';
import { fieldInfo } from '../shared/field-info.js';

/** One series the plot draws, in the order of the model's columns. */
export interface PlotSeries {
  /** Unique: the field, `compare:<field>`, `circuit:<n>` or `untracked`; legend toggles use it. */
  key: string;
  /** What the legend, tooltip and table call it. */
  label: string;
  /** The field it shows (for a circuit its channel; null for the untracked remainder). */
  field: MeasurementField | null;
  role: 'field' | 'compare' | 'circuit' | 'untracked';
}

/** The circuit channels a stacked energy chart shows, in stacking order. */
export const CIRCUIT_FIELDS: readonly MeasurementField[] = ['Power1', 'Power2', 'Power3', 'Power4'];

/** What the chart's attributes ask for. */
export interface PlotSeriesInput {
  fields: readonly MeasurementField[];
  mode: 'power' | 'energy';
  compare: ComparisonKind | null;
  /** Stack the circuits with the untracked remainder (energy mode). */
  stackCircuits: boolean;
  /** Circuit names by position (Power1 first); an empty or missing one is "Circuit n". */
  circuitLabels: readonly string[];
}

const COMPARED: Record<ComparisonKind, string> = { previous: 'before', year: 'a year earlier' };

/**
 * The series of a chart: the fields (or, stacked, the four circuits and what they leave
 * untracked), then with `compare` an earlier-period twin of each field (of the total usage when
 * stacked), drawn muted.
 */
export function plotSeriesList(input: PlotSeriesInput): PlotSeries[] {
  const stacked = input.mode === 'energy' && input.stackCircuits;
  const list: PlotSeries[] = stacked
    ? [
        ...CIRCUIT_FIELDS.map((field, i) => ({
          key: `circuit:${i + 1}`,
          label: input.circuitLabels[i]?.trim() || `Circuit ${i + 1}`,
          field,
          role: 'circuit' as const,
        })),
        { key: 'untracked', label: 'Untracked', field: null, role: 'untracked' },
      ]
    : input.fields.map((field) => ({ key: field, label: fieldInfo(field)?.label ?? field, field, role: 'field' }));
  if (!input.compare) return list;
  const compared: readonly MeasurementField[] = stacked ? ['PowerUsage'] : input.fields;
  return [
    ...list,
    ...compared.map((field) => ({
      key: `compare:${field}`,
      label: `${fieldInfo(field)?.label ?? field} (${COMPARED[input.compare as ComparisonKind]})`,
      field,
      role: 'compare' as const,
    })),
  ];
}
