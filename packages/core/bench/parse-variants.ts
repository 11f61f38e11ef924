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

/** The variants compared by the benchmark, in report order. */
export const VARIANTS: ReadonlyArray<readonly [string, (text: string) => unknown]> = [
  ['JSON.parse alone', (text) => JSON.parse(text)],
  ['parseMeasurements (fast path)', (text) => parseMeasurements(text)],
  ['naive JSON.parse + replace/Number', naiveParse],
  ['parseMeasurementsReference', (text) => parseMeasurementsReference(text)],
];
