import type { MeasurementField } from '@carbontrack/core';

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
    }
  | { type: 'error'; message: string };

/** Messages from the page to the extension host. */
export type PageMessage = { type: 'ready'; range?: string } | { type: 'range'; range: string };
