/**
 * `@carbontrack/export`: measurement files that data engines read. Parquet (typed, compressed, units in
 * its metadata), CSV and NDJSON, all with the same columns, written from core's columnar series a chunk
 * at a time, to bytes, to any Node stream or to a file.
 * @packageDocumentation
 */

export {
  ExportFolderError,
  exportFleet,
  type FleetExportOptions,
  type FleetExportProgress,
  type FleetExportResult,
} from './export-fleet.js';
export {
  type ExportColumn,
  type ExportColumnType,
  type ExportLayout,
  type ExportOptions,
  exportLayout,
  exportUnits,
} from './export-layout.js';
export {
  type ExportedFile,
  type ExportManifest,
  FILE_LIST_FILE,
  MANIFEST_FILE,
  readFileList,
  readManifest,
} from './export-manifest.js';
export { isOutputFormat, OUTPUT_FORMAT_EXTENSIONS, OUTPUT_FORMATS, type OutputFormat } from './output-format.js';
export { TIME_ZONE_METADATA_KEY, UNIT_METADATA_KEY, UNITS_METADATA_KEY } from './parquet-encoder.js';
export type { SeriesSource } from './series-source.js';
export {
  createSeriesWriter,
  DEFAULT_ROW_GROUP_SIZE,
  type SeriesWriter,
  type SeriesWriterOptions,
} from './series-writer.js';
export { writeSeriesFile } from './write-series-file.js';
export { type WriteSeriesOptions, type WriteSeriesResult, writeSeriesStream } from './write-series-stream.js';
