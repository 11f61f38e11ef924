import { MEASUREMENT_FIELD_NAMES } from '../src/measurements/fields.js';
import { parseMeasurements } from '../src/measurements/parse-measurements.js';
import { parseMeasurementsReference } from '../src/measurements/parse-measurements-reference.js';

/** The naive way most code would do it: JSON.parse, then strip commas and Number() into plain objects. */
export function naiveParse(text: string): Array<Record<string, number | string>> {
  const page = JSON.parse(text) as { Measurements: Array<Record<string, string>> };
  return page.Measurements.map((record) => {
    const out: Record<string, number | string> = { ID: record.ID ?? '', time: Date.parse(record.RecordDateTime ?? '') };
    for (const name of MEASUREMENT_FIELD_NAMES) out[name] = Number((record[name] ?? '').replace(/,/g, ''));
    return out;
  });
}

/** One page in both forms a parser may get it in: the response's bytes and its decoded text. */
export interface PageInput {
  text: string;
  bytes: Uint8Array;
}

/** The variants compared by the benchmark, in report order; the first is the baseline. */
export const VARIANTS: ReadonlyArray<readonly [string, (page: PageInput) => unknown]> = [
  ['JSON.parse alone (of the text)', (page) => JSON.parse(page.text)],
  ['parseMeasurements (response bytes)', (page) => parseMeasurements(page.bytes)],
  ['parseMeasurements (text)', (page) => parseMeasurements(page.text)],
  ['naive JSON.parse + replace/Number', (page) => naiveParse(page.text)],
  ['parseMeasurementsReference', (page) => parseMeasurementsReference(page.text)],
];
