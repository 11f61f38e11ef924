import type { MeasurementField } from '@carbontrack/core';
import type { ResultTable } from '../results/result-table.js';
import type { SeriesMessage } from './panel-messages.js';

/** What the results view's header says. */
export interface ResultsHeader {
  /** The query file's name. */
  query: string;
  endpoint: string;
  connection: string;
  rows: number;
  durationMs: number;
  /** The zone local times are in, when the query has one. */
  timeZone?: string;
  /** Whether Export Parquet is offered (measurement records only). */
  parquet?: boolean;
}

/** Messages from the extension host to the results page. */
export type ResultsHostMessage =
  | {
      type: 'result';
      header: ResultsHeader;
      table: ResultTable;
      /** Measurement records, for the Chart tab (with the power fields to draw), when the result has them. */
      chart?: { series: SeriesMessage; fields: MeasurementField[] };
    }
  | { type: 'status'; text: string; error?: boolean };

/** Messages from the results page to the extension host. */
export type ResultsPageMessage =
  | { type: 'ready' }
  | { type: 'export'; format: 'csv' | 'json' | 'parquet' }
  | { type: 'copy-markdown' }
  | { type: 'open-text' };
