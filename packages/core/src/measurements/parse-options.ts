import { EMPTY_NUMBER_DEFAULT, type EmptyNumber } from '@carbontrack/api';
import { type PowerUnit, readExponents } from './fields.js';

/** How {@link parseMeasurements} reads values whose meaning the documentation leaves open. */
export interface ParseMeasurementsOptions {
  /**
   * What an empty number string means: `'zero'` (default; .NET's `#.##` prints zero as "") or
   * `'missing'` (NaN, listed as an `empty` issue).
   */
  emptyNumber?: EmptyNumber | undefined;
  /** The unit the page's power fields are in (default `'W'`); `'kW'` values are read into W. */
  powerUnit?: PowerUnit | undefined;
}

/** Options checked and turned into what the parsers' loops read. @internal */
export interface ResolvedParseOptions {
  emptyIsZero: boolean;
  /** Per field, the power of ten its values are scaled by. */
  exponents: Int8Array;
}

const DEFAULT: ResolvedParseOptions = { emptyIsZero: true, exponents: readExponents('W') };

/** @internal */
export function resolveParseOptions(options: ParseMeasurementsOptions | undefined): ResolvedParseOptions {
  if (!options || (options.emptyNumber === undefined && options.powerUnit === undefined)) return DEFAULT;
  const empty = options.emptyNumber ?? EMPTY_NUMBER_DEFAULT;
  if (empty !== 'zero' && empty !== 'missing') {
    throw new RangeError(`emptyNumber must be 'zero' or 'missing', got ${String(empty)}`);
  }
  return { emptyIsZero: empty === 'zero', exponents: readExponents(options.powerUnit) };
}
