// The physical consistency rules of measurement records, checked exactly on the formatted strings.
// Shared by the in-process property tests and the over-HTTP test.

import { parseHundredths as h } from '@carbontrack/api';
import type { MeasurementRecord } from '../../src/data/measurement-generator.js';
import { sinSolarElevation } from '../../src/data/solar-model.js';
import type { DeviceRecord } from '../../src/data/world.js';

/** Battery power in hundredths of a watt (+ charging), from the grid balance. */
export const batteryPower = (r: MeasurementRecord) =>
  h(r.PowerUsageNet) - h(r.PowerExportedNet) - h(r.PowerUsage) + h(r.Generating);

/** Every broken rule of `records` of `device`, as readable lines (empty when all hold). */
export function physicsProblems(device: DeviceRecord, records: readonly MeasurementRecord[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string, r: MeasurementRecord) => {
    if (!ok) problems.push(`${device.id} ${r.RecordDateTime}: ${what}`);
  };
  for (const r of records) {
    const use = h(r.PowerUsage);
    const gen = h(r.Generating);
    const powers = [r.Power1, r.Power2, r.Power3, r.Power4].map(h);
    // Four clamped circuits take 45 to 85 % of the usage; the rest is untracked, never negative.
    const tracked = powers.reduce((a, b) => a + b, 0);
    check(
      tracked <= use && (use === 0 || tracked >= Math.floor(use * 0.45) - 4),
      'Power1..4 take 45-85 % of PowerUsage',
      r,
    );
    check(
      powers.every((p) => p >= 0),
      'Power1..4 >= 0',
      r,
    );
    check(h(r.PowerExported) === Math.max(0, gen - use), 'PowerExported = max(0, Gen - Use)', r);
    const b = batteryPower(r);
    check(h(r.PowerUsageNet) === Math.max(0, use - gen + b), 'PowerUsageNet', r);
    check(h(r.PowerExportedNet) === Math.max(0, gen - use - b), 'PowerExportedNet', r);
    check(!(h(r.PowerUsageNet) > 0 && h(r.PowerExportedNet) > 0), 'never import and export at once', r);
    if (!device.battery) check(b === 0, 'no battery power without a battery', r);
    else {
      check(Math.abs(b) <= device.battery.maxRateW * 100, 'battery within its rate', r);
      check(b <= 0 || b <= gen - use, 'charges from surplus only', r);
      check(b >= 0 || -b <= use - gen, 'discharges into deficit only', r);
    }
    const factors = [r.PowerFactor1, r.PowerFactor2, r.PowerFactor3, r.PowerFactor4].map(h);
    const vah = [r.PowerVAH1, r.PowerVAH2, r.PowerVAH3, r.PowerVAH4].map(h);
    check(
      factors.every((pf) => pf >= 85 && pf <= 99),
      'power factors 0.85..0.99',
      r,
    );
    check(
      vah.every((va, i) => va >= (powers[i] as number)),
      'VAh >= W',
      r,
    );
    check(h(r.Voltage) >= 23_000 && h(r.Voltage) <= 25_000, 'voltage 230..250', r);
    check(h(r.SignalStrength) >= -9_500 && h(r.SignalStrength) <= -4_500, 'signal -95..-45 dBm', r);
    check(h(r.Temperature1) >= 1_700 && h(r.Temperature1) <= 2_700, 'indoor 17..27 °C', r);
    check(h(r.BatteryCharge) >= 0 && h(r.BatteryCharge) <= 10_000, 'battery 0..100 %', r);
    if (!device.battery) check(r.BatteryCharge === '0.00', 'no charge without a battery', r);
    const zeros = [r.Power1N, r.Power2N, r.Power3N, r.Power4N, r.Flow, r.Temperature3, r.Temperature8];
    check(
      zeros.every((z) => z === '0.00'),
      'unused fields are 0.00',
      r,
    );
    const up = sinSolarElevation(device.latitude, device.longitude, Date.parse(r.RecordDateTime)) > 0;
    if (!up || device.solarKwp === 0) check(gen === 0, 'no generation at night or without solar', r);
    if (device.solarKwp > 0) check((h(r.Irradiation) === 0) === (gen === 0), 'irradiation 0 iff generation 0', r);
    check(!Object.values(r).includes('-0.00'), 'never -0.00', r);
  }
  return problems;
}
