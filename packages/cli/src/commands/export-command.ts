import type { FleetTarget } from '@carbontrack/core';
import { ExportFolderError, exportFleet, type FleetExportProgress } from '@carbontrack/export';
import type { Command } from 'commander';
import { CliError, usageError } from '../cli-error.js';
import { apiFailure, isApiError } from '../connection/api-error.js';
import { openConnection } from '../connection/open-connection.js';
import { EXIT_CODES } from '../exit-codes.js';
import { intFlag, positiveFlag } from '../options/number-flag.js';
import { deviceListFlag, fieldsFlag, formatFlag } from '../options/output-flags.js';
import { assertFromBeforeTo, parseTimeFlag, parseZoneFlag } from '../options/time-flag.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';
import { ProgressReporter } from '../terminal/progress-reporter.js';

interface ExportOptions {
  distributor?: string;
  devices?: string;
  customer?: string;
  from: string;
  to: string;
  out: string;
  format: string;
  resume?: boolean;
  tz?: string;
  fields?: string;
  concurrency: string;
  rps?: string;
}

/** Registers `ct export`: a fleet's measurements into a partitioned folder, resumable. */
export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('many devices into one file per device and UTC day under OUT/date=YYYY-MM-DD/, resumable')
    .option('--distributor <id>', "every device of the distributor (the account's own)")
    .option('--devices <ids>', 'these devices, comma-separated 16-digit IDs')
    .option('--customer <ref>', 'every device of one customer (their reference)')
    .requiredOption('--from <time>', 'start, inclusive (dates without an offset are UTC, or --tz)')
    .requiredOption('--to <time>', 'end, exclusive')
    .requiredOption('--out <dir>', 'the export folder (new or empty, or an unfinished export with --resume)')
    .option('--format <format>', 'parquet, csv or ndjson', 'parquet')
    .option('--resume', "finish the export the folder's manifest describes")
    .option('--tz <zone>', 'zone of dates without an offset, and adds a local_time column in it')
    .option('--fields <names>', 'only these fields, comma-separated (default: all 34)')
    .option('--concurrency <n>', 'most requests at once; the adaptive limit stays within it', '16')
    .option('--rps <n>', 'most requests a second, for an account with a known quota')
    .addHelpText(
      'after',
      '\nExit codes: 0 complete, 1 usage, 2 API error before any file, 3 stopped part-way (run again with --resume).',
    )
    .action(async (options: ExportOptions) => {
      const targets = [options.distributor, options.devices, options.customer].filter((t) => t !== undefined);
      if (targets.length !== 1) throw usageError('give exactly one of --distributor, --devices or --customer');
      const format = formatFlag(options.format);
      const fields = fieldsFlag(options.fields);
      const tz = options.tz === undefined ? undefined : parseZoneFlag(options.tz);
      const now = Date.now();
      const from = parseTimeFlag('--from', options.from, tz ?? 'UTC', now);
      const to = parseTimeFlag('--to', options.to, tz ?? 'UTC', now);
      assertFromBeforeTo(from, to);
      const maxConcurrency = intFlag('--concurrency', options.concurrency, 1, 256);
      const requestsPerSecond = options.rps === undefined ? undefined : positiveFlag('--rps', options.rps);
      const devices = options.devices === undefined ? undefined : deviceListFlag(options.devices);

      const { client } = await openConnection(io);
      let target: FleetTarget;
      if (options.distributor !== undefined) target = { distributorId: options.distributor };
      else if (devices) target = { deviceIds: devices };
      else {
        const ref = options.customer as string;
        const ids = (await client.devices({ customerReference: ref, signal: io.signal }).collect()).flatMap(
          (d) => d.DeviceID ?? [],
        );
        if (ids.length === 0) {
          throw new CliError(
            `customer ${ref} has no devices the account can see`,
            EXIT_CODES.api,
            '`ct customers --ref` finds a reference.',
          );
        }
        target = { deviceIds: ids };
      }

      const reporter = new ProgressReporter(io, 'device-days');
      let last: FleetExportProgress | undefined;
      let result: Awaited<ReturnType<typeof exportFleet>>;
      try {
        result = await exportFleet(client, target, {
          out: options.out,
          format,
          from,
          to,
          timeZone: tz,
          fields,
          resume: options.resume ?? false,
          signal: io.signal,
          maxConcurrency,
          requestsPerSecond,
          onProgress: (progress) => {
            last = progress;
            reporter.update(progress);
          },
        });
      } catch (error) {
        reporter.finish(undefined);
        if (error instanceof ExportFolderError) {
          throw usageError(
            `--out: ${error.message}`,
            error.message.includes('already holds') ? 'Add --resume to finish it.' : undefined,
          );
        }
        throw error;
      }
      reporter.finish(last);
      const { manifest } = result;
      const summary = `${manifest.done} of ${manifest.total ?? '?'} device-days, ${manifest.files} files, ${manifest.records.toLocaleString('en-AU')} records in ${options.out}`;
      if (result.complete) {
        note(io, `ct: export complete: ${summary}.`);
        return;
      }
      const again = 'Run the same command with --resume to finish it.';
      if (result.interrupted) throw new CliError(`export interrupted: ${summary}`, EXIT_CODES.partial, again);
      const cause = isApiError(result.error) ? apiFailure(result.error) : undefined;
      const why = cause?.message ?? (result.error instanceof Error ? result.error.message : String(result.error));
      // Nothing done and an API refusal (a device the account cannot see): an API error, not a partial export.
      if (manifest.done === 0 && cause) throw new CliError(`export failed: ${why}`, EXIT_CODES.api, cause.hint);
      throw new CliError(`export stopped: ${why}; ${summary}`, EXIT_CODES.partial, cause?.hint ?? again);
    });
}
