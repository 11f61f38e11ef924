import { appendFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CarbonTrackClient, FleetProgress, FleetTarget, MeasurementField } from '@carbontrack/core';
import { exportLayout } from './export-layout.js';
import {
  type ExportedFile,
  type ExportManifest,
  FILE_LIST_FILE,
  MANIFEST_FILE,
  readFileList,
  readManifest,
  writeManifest,
} from './export-manifest.js';
import { OUTPUT_FORMAT_EXTENSIONS, type OutputFormat } from './output-format.js';
import { writeSeriesFile } from './write-series-file.js';

/** Options of {@link exportFleet}. */
export interface FleetExportOptions {
  /** The export folder: `date=YYYY-MM-DD/<deviceId>.<ext>` files, `_manifest.json`, `_files.ndjson`. */
  out: string;
  /** File format (default parquet). */
  format?: OutputFormat | undefined;
  /** Start of the range, epoch ms, inclusive. */
  from: number;
  /** End of the range, epoch ms, exclusive. */
  to: number;
  /** Adds a `local_time` column in this IANA zone. */
  timeZone?: string | undefined;
  /** Fields to write (default all 34). */
  fields?: readonly MeasurementField[] | undefined;
  /** Finish the export the folder's manifest describes (it must ask for the same). */
  resume?: boolean | undefined;
  /** Stops the export: finished files and the manifest are kept, the file being written is removed. */
  signal?: AbortSignal | undefined;
  /** Told after each device-day. */
  onProgress?: ((progress: FleetExportProgress) => void) | undefined;
  /** Passed to the fleet read. */
  maxConcurrency?: number | undefined;
  /** Passed to the fleet read. */
  requestsPerSecond?: number | undefined;
  /** How often the manifest is rewritten during the export, in ms (default 1000; it is always written at the end). */
  manifestIntervalMs?: number | undefined;
}

/** Progress of {@link exportFleet}: the fleet read's, plus what was written. */
export interface FleetExportProgress extends FleetProgress {
  /** Files written, in all runs. */
  files: number;
  /** Bytes written this run. */
  bytes: number;
}

/** How an export ended. */
export interface FleetExportResult {
  /** True when every device-day is done. */
  complete: boolean;
  /** True when it stopped because `signal` aborted. */
  interrupted: boolean;
  /** What went wrong when it stopped on an error (the files before it are kept); undefined otherwise. */
  error?: unknown;
  /** The manifest as last written. */
  manifest: ExportManifest;
}

/** Why an export cannot start: the folder or the options are wrong (nothing was fetched or written). */
export class ExportFolderError extends Error {
  override name = 'ExportFolderError';
}

/**
 * Exports a fleet's measurements into a folder that engines read as one partitioned table: one
 * file per device and UTC day under `date=YYYY-MM-DD/`, each written to `.partial` and renamed
 * when complete, a `_files.ndjson` line per finished file and a `_manifest.json` saying how far
 * the export got (with the fleet cursor). Stopped by `signal`, by a kill or by an error, the
 * folder holds only whole files and a true manifest; `resume` fetches from the cursor and
 * overwrites any file past it, so no record is written twice. Device-days without records get no
 * file but count as done.
 * @throws ExportFolderError before anything is fetched: a folder that is not writable, holds another
 * export, or holds files but no manifest.
 */
export async function exportFleet(
  client: Pick<CarbonTrackClient, 'fleetMeasurements'>,
  target: FleetTarget,
  options: FleetExportOptions,
): Promise<FleetExportResult> {
  const format = options.format ?? 'parquet';
  const layout = exportLayout({ timeZone: options.timeZone, fields: options.fields });
  const from = new Date(options.from).toISOString().replace('.000Z', 'Z');
  const to = new Date(options.to).toISOString().replace('.000Z', 'Z');
  const wanted = {
    target,
    from,
    to,
    format,
    timeZone: layout.timeZone,
    fields: options.fields ? [...options.fields] : null,
  };
  const manifest = await prepareFolder(options.out, wanted, options.resume ?? false);
  const interval = options.manifestIntervalMs ?? 1000;
  let lastWrite = Date.now();
  let bytes = 0;
  const extension = OUTPUT_FORMAT_EXTENSIONS[format];
  const chunks = client.fleetMeasurements(target, {
    from: options.from,
    to: options.to,
    cursor: manifest.cursor ?? undefined,
    signal: options.signal,
    maxConcurrency: options.maxConcurrency,
    requestsPerSecond: options.requestsPerSecond,
    onProgress: (progress) => {
      manifest.total = progress.total;
      options.onProgress?.({ ...progress, files: manifest.files, bytes });
    },
  });
  try {
    for await (const chunk of chunks) {
      const relative = join(`date=${chunk.day}`, `${chunk.deviceId}${extension}`);
      const path = join(options.out, relative);
      if (chunk.series.length > 0) {
        const written = await writeSeriesFile(path, chunk.series, {
          format,
          timeZone: options.timeZone,
          fields: options.fields,
        });
        bytes += written.bytes;
        const line: ExportedFile = {
          path: relative,
          deviceId: chunk.deviceId,
          day: chunk.day,
          records: written.records,
          bytes: written.bytes,
          chunk: chunk.cursor.done - 1,
        };
        await appendFile(join(options.out, FILE_LIST_FILE), `${JSON.stringify(line)}\n`);
        manifest.files++;
        manifest.records += written.records;
      } else {
        // A file left past the cursor by an earlier run, for a day that now has nothing, must go.
        await rm(path, { force: true });
      }
      manifest.cursor = chunk.cursor;
      manifest.done = chunk.cursor.done;
      if (Date.now() - lastWrite >= interval) {
        await writeManifest(options.out, manifest);
        lastWrite = Date.now();
      }
    }
    manifest.complete = manifest.total !== null && manifest.done >= manifest.total;
    await writeManifest(options.out, manifest);
    return { complete: manifest.complete, interrupted: false, manifest };
  } catch (error) {
    await writeManifest(options.out, manifest);
    if (options.signal?.aborted) return { complete: false, interrupted: true, manifest };
    return { complete: false, interrupted: false, error, manifest };
  }
}

type WantedExport = Pick<ExportManifest, 'target' | 'from' | 'to' | 'format' | 'timeZone' | 'fields'>;

/** Checks the folder and returns the manifest to continue (a fresh one, or the resumed one made true). */
async function prepareFolder(dir: string, wanted: WantedExport, resume: boolean): Promise<ExportManifest> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new ExportFolderError(`cannot create ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let existing: ExportManifest | undefined;
  try {
    existing = await readManifest(dir);
  } catch (error) {
    throw new ExportFolderError(`${join(dir, MANIFEST_FILE)} cannot be read: ${(error as Error).message}`);
  }
  if (existing && !resume) {
    throw new ExportFolderError(
      `${dir} already holds an export (${existing.done} of ${existing.total ?? '?'} device-days done); resume it or choose another folder`,
    );
  }
  if (existing) {
    const differs = (Object.keys(wanted) as (keyof WantedExport)[]).find(
      (key) => JSON.stringify(existing[key]) !== JSON.stringify(wanted[key]),
    );
    if (differs) {
      throw new ExportFolderError(
        `${dir} holds an export with another ${differs} (${JSON.stringify(existing[differs])}); resume with the same options`,
      );
    }
    // Only what is before the cursor counts: files past it are written again.
    const kept = (await readFileList(dir)).filter((file) => file.chunk < existing.done);
    await writeFile(join(dir, FILE_LIST_FILE), kept.map((file) => `${JSON.stringify(file)}\n`).join(''));
    await removePartials(dir);
    const manifest: ExportManifest = {
      ...existing,
      files: kept.length,
      records: kept.reduce((sum, file) => sum + file.records, 0),
    };
    await writeManifest(dir, manifest);
    return manifest;
  }
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new ExportFolderError(`${dir} is not empty and holds no export manifest; choose an empty or new folder`);
  }
  const manifest: ExportManifest = {
    version: 1,
    ...wanted,
    complete: false,
    done: 0,
    total: null,
    files: 0,
    records: 0,
    cursor: null,
    updatedAt: '',
  };
  try {
    await writeManifest(dir, manifest);
  } catch (error) {
    throw new ExportFolderError(`cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return manifest;
}

/** Removes the `.partial` files a killed run left. */
async function removePartials(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true })) {
    if (String(entry).endsWith('.partial')) await rm(join(dir, String(entry)), { force: true });
  }
}
