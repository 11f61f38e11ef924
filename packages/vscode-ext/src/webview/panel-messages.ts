import type { MeasurementField } from '@carbontrack/core';
import type { Tariff } from '@carbontrack/core/energy';

/** The series as posted to the page: plain arrays (structured clone), null where a value is NaN. */
export interface SeriesMessage {
  deviceId: string | null;
  time: Array<number | null>;
  ids: string[];
  columns: Partial<Record<MeasurementField, Array<number | null>>>;
}

/** Messages from the extension host to the measurements page. */
export type HostMessage =
  | {
      type: 'series';
      range: string;
      /** "last 24 hours", "last 7 days" … */
      label: string;
      series: SeriesMessage;
      /** The zone both widgets show times in (core's rule, resolved by the host). */
      timeZone: string;
      /** The period the series was read for, epoch ms [from, to). */
      from: number;
      to: number;
      /** The earlier period (the `carbontrack.summaryComparison` setting), or null for none. */
      earlier: { kind: 'previous' | 'year'; series: SeriesMessage; from: number; to: number } | null;
      /** The `carbontrack.tariffFile` tariff (checked by the host), or null. */
      tariff: Tariff | null;
      /** Why the tariff setting could not be used, or null. */
      tariffError: string | null;
    }
  | { type: 'error'; message: string }
  /** A note for the status line (an export done, a range dismissed). */
  | { type: 'status'; text: string; error?: boolean };

/** Messages from the page to the extension host. */
export type PageMessage =
  | { type: 'ready'; range?: string }
  | { type: 'range'; range: string }
  /** "Export…": the range shown, in a format and file the host asks for. */
  | { type: 'export' };
