/** A file format the writers produce. */
export type OutputFormat = 'parquet' | 'csv' | 'ndjson';

/** Every {@link OutputFormat}, Parquet first: the typed, compressed one to prefer. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['parquet', 'csv', 'ndjson'];

/** The file extension of each format, with its dot (`'.parquet'`), as data engines' globs expect. */
export const OUTPUT_FORMAT_EXTENSIONS: Readonly<Record<OutputFormat, string>> = {
  parquet: '.parquet',
  csv: '.csv',
  ndjson: '.ndjson',
};

/** Whether `value` names an {@link OutputFormat}, for formats given as text (a CLI flag, a config file). */
export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
}
