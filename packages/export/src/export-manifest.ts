import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetCursor, FleetTarget, MeasurementField } from '@carbontrack/core';
import type { OutputFormat } from './output-format.js';

/** File name of an export folder's manifest (a leading `_`: Spark, Hive and DuckDB globs skip it). */
export const MANIFEST_FILE = '_manifest.json';
/** File name of the list of finished files, one JSON object a line, appended as files complete. */
export const FILE_LIST_FILE = '_files.ndjson';

/** What an export folder holds and how far it got: rewritten atomically as the export goes. */
export interface ExportManifest {
  readonly version: 1;
  /** What was asked for; `--resume` must ask for the same. */
  readonly target: FleetTarget;
  readonly from: string;
  readonly to: string;
  readonly format: OutputFormat;
  readonly timeZone: string | null;
  readonly fields: readonly MeasurementField[] | null;
  /** True once every device-day is done. */
  complete: boolean;
  /** Device-days done (with a file, or empty), in all runs. */
  done: number;
  /** Device-days in all; null until the device list is known. */
  total: number | null;
  /** Files finished (device-days with records). */
  files: number;
  /** Records in the finished files. */
  records: number;
  /** Where the next run resumes; null before the first chunk. */
  cursor: FleetCursor | null;
  /** Last write, ISO 8601. */
  updatedAt: string;
}

/** One finished file, as listed in {@link FILE_LIST_FILE}. */
export interface ExportedFile {
  /** Path relative to the export folder, e.g. `date=2026-12-01/8796541235874587.parquet`. */
  readonly path: string;
  readonly deviceId: string;
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly records: number;
  readonly bytes: number;
  /** Position of the device-day in the export's order (0-based). */
  readonly chunk: number;
}

/** Reads a folder's manifest; undefined when there is none. @throws on a manifest that is not JSON. */
export async function readManifest(dir: string): Promise<ExportManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const manifest = JSON.parse(text) as ExportManifest;
  if (manifest?.version !== 1) throw new Error(`${join(dir, MANIFEST_FILE)} is not a carbonTRACK export manifest`);
  return manifest;
}

/** Writes the manifest through a temporary file and a rename, so it is never half written. */
export async function writeManifest(dir: string, manifest: ExportManifest): Promise<void> {
  const path = join(dir, MANIFEST_FILE);
  const partial = `${path}.partial`;
  await writeFile(partial, `${JSON.stringify({ ...manifest, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  await rename(partial, path);
}

/** Every file of a folder's file list, the last line winning for a path written twice. */
export async function readFileList(dir: string): Promise<ExportedFile[]> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE_LIST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const byPath = new Map<string, ExportedFile>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const file = JSON.parse(line) as ExportedFile;
      byPath.set(file.path, file);
    } catch {
      // A line cut short by a kill: its file is before the cursor only if a later write says so.
    }
  }
  return [...byPath.values()].sort((a, b) => a.chunk - b.chunk);
}
