import { type EnergySummary, summarize } from '@carbontrack/core/energy';
import { ENERGY_PERIODS, type EnergyPeriod, energyPeriodRange } from '@carbontrack/core/live';
import type { Command } from 'commander';
import { usageError } from '../cli-error.js';
import { describeZone, zoneForDevice } from '../connection/device-zone.js';
import { openConnection } from '../connection/open-connection.js';
import { parseZoneFlag } from '../options/time-flag.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';
import { printTable } from '../terminal/print-table.js';

interface SummaryRow {
  metric: string;
  value: string;
  unit: string;
}

/** Registers `ct summary`: core's energy summary of one device over a calendar period, as a table. */
export function registerSummaryCommand(program: Command, io: CliIo): void {
  program
    .command('summary')
    .description("one device's energy over a period: consumption, generation, import, export, peak, CO2")
    .requiredOption('--device <id>', '16-digit device ID')
    .option(
      '--period <period>',
      `one of ${ENERGY_PERIODS.join(', ')} (today and month are calendar periods in the zone)`,
      'today',
    )
    .option('--tz <zone>', "the zone of the period (default: the device's)")
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { device: string; period: string; tz?: string; json?: boolean }) => {
      if (!(ENERGY_PERIODS as readonly string[]).includes(options.period)) {
        throw usageError(`--period must be one of ${ENERGY_PERIODS.join(', ')}, got '${options.period}'`);
      }
      if (!/^\d{16}$/.test(options.device))
        throw usageError(`--device: '${options.device}' is not a 16-digit device ID`);
      const tz = options.tz === undefined ? undefined : parseZoneFlag(options.tz);
      const { client } = await openConnection(io);
      const { device, zone } = await zoneForDevice(client, options.device, tz, io.signal);
      const range = energyPeriodRange(options.period as EnergyPeriod, zone.timeZone, Date.now());
      const series = await client
        .measurements({ deviceId: options.device, from: range.from, to: range.to, signal: io.signal })
        .collect();
      const summary = summarize(series, { timeZone: zone.timeZone });
      if (options.json) {
        io.stdout.write(
          `${JSON.stringify(
            {
              deviceId: options.device,
              period: options.period,
              timeZone: zone.timeZone,
              periodFrom: new Date(range.from).toISOString(),
              periodTo: new Date(range.to).toISOString(),
              ...summary,
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      note(io, `ct: ${device.DeviceName ?? options.device}, ${options.period} in ${describeZone(zone)}.`);
      printTable<SummaryRow>(
        io,
        summaryRows(summary),
        [
          { heading: 'METRIC', value: (r) => r.metric },
          { heading: 'VALUE', value: (r) => r.value, right: true },
          { heading: 'UNIT', value: (r) => r.unit },
        ],
        false,
      );
    });
}

/** The table rows of a summary: energies to 0.01 kWh, shares to 0.1 %, "–" where there is nothing to say. */
export function summaryRows(s: EnergySummary): SummaryRow[] {
  const kwh = (v: number) => v.toFixed(2);
  const pct = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  return [
    { metric: 'Consumption', value: kwh(s.consumptionKWh), unit: 'kWh' },
    { metric: 'Generation', value: kwh(s.generationKWh), unit: 'kWh' },
    { metric: 'Imported', value: kwh(s.importKWh), unit: 'kWh' },
    { metric: 'Exported', value: kwh(s.exportKWh), unit: 'kWh' },
    { metric: 'Self-consumption', value: pct(s.selfConsumptionPct), unit: '%' },
    { metric: 'Self-sufficiency', value: pct(s.selfSufficiencyPct), unit: '%' },
    { metric: 'Peak demand', value: s.peakDemandW === null ? '–' : s.peakDemandW.toFixed(0), unit: 'W' },
    { metric: 'Peak at', value: s.peakDemandLocalTime ?? '–', unit: 'local' },
    { metric: 'CO2 of imports', value: s.co2Kg.toFixed(2), unit: 'kg' },
    { metric: 'Samples', value: String(s.samples), unit: '' },
  ];
}
