import { readFile } from 'node:fs/promises';
import { ValidationError } from '@carbontrack/core';
import {
  type CostResult,
  compareSummaries,
  comparisonPeriod,
  cost,
  type Delta,
  type EnergyComparison,
  type EnergySummary,
  summarize,
  summaryCoverage,
  type Tariff,
  validateTariff,
} from '@carbontrack/core/energy';
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
  /** Signed change from the comparison period, when there is one. */
  delta?: string;
}

interface SummaryFlags {
  device: string;
  period: string;
  tz?: string;
  tariff?: string;
  compare?: string;
  json?: boolean;
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
    .option('--tariff <file>', 'a tariff JSON file (see @carbontrack/core/tariff.schema.json): adds what it cost')
    .option(
      '--compare <with>',
      'previous (the same length before) or year (the same period a year earlier): adds deltas',
    )
    .option('--json', 'print JSON instead of a table')
    .action(async (options: SummaryFlags) => {
      if (!(ENERGY_PERIODS as readonly string[]).includes(options.period)) {
        throw usageError(`--period must be one of ${ENERGY_PERIODS.join(', ')}, got '${options.period}'`);
      }
      if (!/^\d{16}$/.test(options.device))
        throw usageError(`--device: '${options.device}' is not a 16-digit device ID`);
      const tz = options.tz === undefined ? undefined : parseZoneFlag(options.tz);
      if (options.compare !== undefined && options.compare !== 'previous' && options.compare !== 'year') {
        throw usageError(`--compare must be previous or year, got '${options.compare}'`);
      }
      const tariff = options.tariff === undefined ? undefined : await readTariff(options.tariff);
      const { client } = await openConnection(io);
      const { device, zone } = await zoneForDevice(client, options.device, tz, io.signal);
      const range = energyPeriodRange(options.period as EnergyPeriod, zone.timeZone, Date.now());
      const read = (period: { from: number; to: number }) =>
        client
          .measurements({ deviceId: options.device, from: period.from, to: period.to, signal: io.signal })
          .collect();
      const series = await read(range);
      const summary = summarize(series, { timeZone: zone.timeZone });
      const bill = tariff ? cost(series, tariff, { timeZone: zone.timeZone, period: range }) : undefined;
      const coverageShare = summaryCoverage(series, range);
      let comparison: EnergyComparison | undefined;
      if (options.compare) {
        const earlier = comparisonPeriod(range, options.compare, zone.timeZone);
        const before = await read(earlier);
        comparison = compareSummaries(
          { summary, coverage: coverageShare },
          { summary: summarize(before, { timeZone: zone.timeZone }), coverage: summaryCoverage(before, earlier) },
        );
      }
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
              coverage: coverageShare,
              ...(bill ? { cost: { ...bill, buckets: undefined } } : {}),
              ...(comparison ? { comparison: { with: options.compare, ...deltasOf(comparison) } } : {}),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      note(io, `ct: ${device.DeviceName ?? options.device}, ${options.period} in ${describeZone(zone)}.`);
      const rows = [...summaryRows(summary, comparison), ...(bill ? costRows(bill) : [])];
      rows.push({
        metric: 'Data coverage',
        value: coverageShare === null ? '–' : (coverageShare * 100).toFixed(1),
        unit: '%',
      });
      printTable<SummaryRow>(
        io,
        rows,
        [
          { heading: 'METRIC', value: (r) => r.metric },
          { heading: 'VALUE', value: (r) => r.value, right: true },
          { heading: 'UNIT', value: (r) => r.unit },
          ...(comparison
            ? [
                {
                  heading: `VS ${options.compare === 'year' ? 'A YEAR EARLIER' : 'PREVIOUS'}`,
                  value: (r: SummaryRow) => r.delta ?? '',
                  right: true,
                },
              ]
            : []),
        ],
        false,
      );
      if (comparison?.lessData) note(io, 'ct: the comparison period has less data: its totals are not a fair base.');
    });
}

/** The table rows of a summary: energies to 0.01 kWh, shares to 0.1 %, "–" where there is nothing to say. */
export function summaryRows(s: EnergySummary, comparison?: EnergyComparison): SummaryRow[] {
  const kwh = (v: number) => v.toFixed(2);
  const pct = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  const delta = (d: Delta | undefined) =>
    d === undefined
      ? undefined
      : d.change === null
        ? 'no data then'
        : `${signed(d.change.toFixed(2))}${d.percent === null ? '' : ` (${signed(d.percent.toFixed(0))} %)`}`;
  return [
    { metric: 'Consumption', value: kwh(s.consumptionKWh), unit: 'kWh', delta: delta(comparison?.consumptionKWh) },
    { metric: 'Generation', value: kwh(s.generationKWh), unit: 'kWh', delta: delta(comparison?.generationKWh) },
    { metric: 'Imported', value: kwh(s.importKWh), unit: 'kWh', delta: delta(comparison?.importKWh) },
    { metric: 'Exported', value: kwh(s.exportKWh), unit: 'kWh', delta: delta(comparison?.exportKWh) },
    { metric: 'Self-consumption', value: pct(s.selfConsumptionPct), unit: '%' },
    { metric: 'Self-sufficiency', value: pct(s.selfSufficiencyPct), unit: '%' },
    { metric: 'Peak demand', value: s.peakDemandW === null ? '–' : s.peakDemandW.toFixed(0), unit: 'W' },
    { metric: 'Peak at', value: s.peakDemandLocalTime ?? '–', unit: 'local' },
    { metric: 'CO2 of imports', value: s.co2Kg.toFixed(2), unit: 'kg', delta: delta(comparison?.co2Kg) },
    { metric: 'Samples', value: String(s.samples), unit: '' },
  ];
}

/** What the period cost, a row each, in the tariff's currency. */
function costRows(bill: CostResult): SummaryRow[] {
  const money = (v: number) => v.toFixed(2);
  return [
    { metric: 'Import cost', value: money(bill.importCost), unit: bill.currency },
    { metric: 'Feed-in credit', value: money(bill.exportCredit), unit: bill.currency },
    { metric: 'Supply', value: money(bill.supply), unit: bill.currency },
    { metric: 'Demand', value: money(bill.demand), unit: bill.currency },
    { metric: 'GST', value: money(bill.gst), unit: bill.currency },
    { metric: 'Net cost', value: money(bill.net), unit: bill.currency },
  ];
}

function signed(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : `+${text}`;
}

function deltasOf(comparison: EnergyComparison) {
  const { consumptionKWh, generationKWh, importKWh, exportKWh, co2Kg, lessData, previous } = comparison;
  return { consumptionKWh, generationKWh, importKWh, exportKWh, co2Kg, lessData, previousCoverage: previous.coverage };
}

/** Reads and checks a tariff file: a usage error naming the file and the path in it otherwise. */
async function readTariff(path: string): Promise<Tariff> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw usageError(`--tariff: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  try {
    return validateTariff(value);
  } catch (error) {
    if (error instanceof ValidationError) throw usageError(`--tariff: ${path}: ${error.message}`);
    throw error;
  }
}
