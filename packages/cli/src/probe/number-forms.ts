// Which forms the measurement number strings take, and whose writer they fit: the documentation's
// examples ("0.00", "0.0", "1,000.00") or the .NET custom patterns it names (`#.##`, `#,###.##` for
// SignalStrength: "" for zero, ".5", "1000"). Both are valid under the description's
// FormattedNumber (x-decision-number-format); which one a server writes decides what a client
// must cope with. Whether a string is a number at all is the wire grammar's call, and whether it
// is .NET's output is decided by .NET's own formatter in @carbontrack/api, printed again.
import { formatHundredthsAs, type NumberPattern, parseFormattedNumber, toHundredths } from '@carbontrack/api';
import { MEASUREMENT_FIELD_NAMES } from '@carbontrack/core';
import type { NumberForm, NumberFormatSection } from './probe-report.js';

const MAX_EXAMPLES = 3;
// Leading digit, optional thousands groups, one or two decimals: the forms the examples show.
const DOCS_EXAMPLE = /^-?(\d{1,3}(,\d{3})+|\d+)\.\d{1,2}$/;

/** Every form, in the order the report lists them. */
export const NUMBER_FORMS: readonly NumberForm[] = [
  'grouped',
  'plain-2dp',
  'plain-1dp',
  'plain-many-dp',
  'integer',
  'no-leading-zero',
  'empty',
  'other',
];

/** The form of one field value. */
export function classifyNumber(value: unknown): NumberForm {
  if (typeof value !== 'string') return 'other';
  if (value === '') return 'empty';
  if (Number.isNaN(parseFormattedNumber(value))) return 'other';
  if (value.includes(',')) return 'grouped';
  const fraction = /\.(\d+)$/.exec(value)?.[1];
  if (fraction === undefined) return 'integer';
  if (/^-?\./.test(value)) return 'no-leading-zero';
  return fraction.length === 2 ? 'plain-2dp' : fraction.length === 1 ? 'plain-1dp' : 'plain-many-dp';
}

/** Whether `value` is exactly what .NET prints for its number under `pattern`. */
export function isDotnetForm(value: string, pattern: NumberPattern): boolean {
  if (value === '') return true;
  const number = parseFormattedNumber(value);
  return !Number.isNaN(number) && formatHundredthsAs(toHundredths(number), 'dotnet', pattern) === value;
}

/** A number-format section before any values are seen. */
export function emptyNumberFormatSection(): NumberFormatSection {
  return {
    outcome: 'skipped',
    values: 0,
    forms: Object.fromEntries(NUMBER_FORMS.map((form) => [form, 0])) as Record<NumberForm, number>,
    otherExamples: [],
    notDocsExamples: 0,
    notDotnetPatterns: 0,
    verdict: 'no-data',
  };
}

/** Tallies the number fields of `records` into `section`. */
export function tallyNumberForms(section: NumberFormatSection, records: readonly Record<string, unknown>[]): void {
  for (const record of records) {
    for (const field of MEASUREMENT_FIELD_NAMES) {
      if (!(field in record)) continue;
      const value = record[field];
      const form = classifyNumber(value);
      section.values += 1;
      section.forms[form] += 1;
      if (form === 'other' && section.otherExamples.length < MAX_EXAMPLES) {
        section.otherExamples.push((JSON.stringify(value) ?? String(value)).slice(0, 24));
      }
      const text = typeof value === 'string' ? value : null;
      if (text === null || !DOCS_EXAMPLE.test(text)) section.notDocsExamples += 1;
      if (text === null || !isDotnetForm(text, field === 'SignalStrength' ? '#,###.##' : '#.##')) {
        section.notDotnetPatterns += 1;
      }
    }
  }
  section.verdict = verdict(section);
  section.outcome = 'pass';
}

function verdict(section: NumberFormatSection): NumberFormatSection['verdict'] {
  if (section.values === 0) return 'no-data';
  if (section.forms.other > 0) return 'invalid';
  const docs = section.notDocsExamples === 0;
  const dotnet = section.notDotnetPatterns === 0;
  return docs && dotnet ? 'both' : docs ? 'docs' : dotnet ? 'dotnet' : 'mixed';
}
