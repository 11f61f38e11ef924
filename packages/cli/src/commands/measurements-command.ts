import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeSeriesFile, writeSeriesStream } from '@carbontrack/export';
import type { Command } from 'commander';
import { usageError } from '../cli-error.js';
import { describeZone, zoneForDevice } from '../connection/device-zone.js';
import { openConnection } from '../connection/open-connection.js';
import { fieldsFlag, formatFlag } from '../options/output-flags.js';
import { assertFromBeforeTo, parseTimeFlag, parseZoneFlag } from '../options/time-flag.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';

interface MeasurementsOptions {
  device: string;
  from: string;
  to: string;
  format: string;
  out?: string;
  tz?: string;
  fields?: string;
}

/** Registers `ct measurements`: one device's records over a range, as CSV, NDJSON or Parquet. */
export function registerMeasurementsCommand(program: Command, io: CliIo): void {
  program
    .command('measurements')
    .description("one device's five-minute records over a range, to stdout or a file")
    .requiredOption('--device <id>', '16-digit device ID')
    .requiredOption('--from <time>', 'start, inclusive (2026-12-01, 2026-12-01T08:00, …Z, today, -7d)')
    .requiredOption('--to <time>', 'end, exclusive (same forms, or now)')
    .option('--format <format>', 'csv, ndjson or parquet', 'csv')
    .option('--out <file>', 'write to this file (written to FILE.partial, then renamed) instead of stdout')
    .option('--tz <zone>', "zone of dates without an offset and of the local_time column (default: the device's)")
    .option('--fields <names>', 'only these fields, comma-separated (default: all 34)')
    .action(async (options: MeasurementsOptions) => {
      const format = formatFlag(options.format);
      const fields = fieldsFlag(options.fields);
      const tz = options.tz === undefined ? undefined : parseZoneFlag(options.tz);
      if (!/^\d{16}$/.test(options.device))
        throw usageError(`--device: '${options.device}' is not a 16-digit device ID`);
      if (format === 'parquet' && options.out === undefined && io.stdout.isTTY) {
        throw usageError('Parquet is binary: pass --out FILE, or redirect stdout to a file');
      }
      // A place that cannot be written to fails before any request.
      if (options.out !== undefined) await assertWritable(options.out);
      // Bad dates fail before any request: parsed once in UTC just to check them.
      const now = Date.now();
      parseTimeFlag('--from', options.from, 'UTC', now);
      parseTimeFlag('--to', options.to, 'UTC', now);
      const { client } = await openConnection(io);
      const { zone } = await zoneForDevice(client, options.device, tz, io.signal);
      const from = parseTimeFlag('--from', options.from, zone.timeZone, now);
      const to = parseTimeFlag('--to', options.to, zone.timeZone, now);
      assertFromBeforeTo(from, to);
      note(io, `ct: local times in ${describeZone(zone)}.`);
      const series = client.measurements({ deviceId: options.device, from, to, signal: io.signal });
      const writeOptions = { format, timeZone: zone.timeZone, fields };
      if (options.out === undefined) {
        const result = await writeSeriesStream(io.stdout, series, writeOptions);
        note(io, `ct: ${result.records} records.`);
        return;
      }
      const result = await writeSeriesFile(options.out, series, writeOptions).catch((error: unknown) => {
        throw outError(options.out as string, error);
      });
      note(io, `ct: ${result.records} records written to ${options.out}.`);
    });
}

const FILE_SYSTEM_REFUSALS = new Set(['EACCES', 'EPERM', 'ENOENT', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST']);

/** Creates the file's folder and checks it takes files, or a usage error naming the path. */
async function assertWritable(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw outError(path, error);
  }
}

function outError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!code || !FILE_SYSTEM_REFUSALS.has(code)) return error;
  // mkdir -p through a regular file says EEXIST: name what is really in the way.
  const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file stands where a folder should be' : code;
  return usageError(`--out: cannot write ${path} (${why})`, 'Choose a folder you can write to.');
}
