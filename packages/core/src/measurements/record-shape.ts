import { MEASUREMENT_FIELD_NAMES } from './fields.js';

/**
 * Every property of a measurement record, in the order the API and the simulator emit them
 * (the OpenAPI order). The fast parser only accepts records with exactly these keys in this order.
 * @internal
 */
export const RECORD_KEYS: readonly string[] = ['ID', 'DeviceID', 'RecordDateTime', ...MEASUREMENT_FIELD_NAMES];

/** Text of a non-string value for {@link ParseIssue.value}, kept short. @internal */
export function describeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
