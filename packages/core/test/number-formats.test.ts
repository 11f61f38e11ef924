import { describe, expect, it } from 'vitest';
import { MEASUREMENT_FIELD_NAMES, ValidationError } from '../src/index.js';
import { clientFor, demoDeviceIds, startSimulator } from './simulator-fixture.js';

const NOW = Date.UTC(2026, 2, 4, 12);
const DAY = 86_400_000;

// The same simulated world served in the documentation's number forms and in .NET's, over HTTP.
describe('a client reads the .NET number forms as it reads the documented ones', () => {
  const now = () => NOW;
  const docs = startSimulator({ seed: 5, now, numberFormat: 'docs' });
  const dotnet = startSimulator({ seed: 5, now, numberFormat: 'dotnet' });

  it('gives the same series, value for value, with no issues', async () => {
    const [a, b] = await Promise.all([docs, dotnet]);
    const [deviceId] = demoDeviceIds(a, 1);
    const query = { deviceId: deviceId as string, from: NOW - 3 * DAY, to: NOW };
    const [fromDocs, fromDotnet] = await Promise.all([
      clientFor(a).measurements(query).collect(),
      clientFor(b).measurements(query).collect(),
    ]);
    // The second simulator really speaks .NET: empty strings and bare fractions on the wire.
    const { data: wire } = await clientFor(b).raw.POST('/ctapi/Measurement', {
      body: {
        DeviceID: deviceId as string,
        FromUTCDate: new Date(NOW - DAY).toISOString(),
        ToUTCDate: new Date(NOW).toISOString(),
      },
      parseAs: 'text',
    });
    expect(wire).toContain('"Power1N":""');
    expect(wire).toMatch(/":"-?\.\d+"/);
    expect(fromDotnet.length).toBe(3 * 288);
    expect(fromDotnet.issues).toEqual([]);
    expect(fromDocs.issues).toEqual([]);
    expect(Array.from(fromDotnet.time)).toEqual(Array.from(fromDocs.time));
    for (const name of MEASUREMENT_FIELD_NAMES) {
      expect(Array.from(fromDotnet.columns[name]), name).toEqual(Array.from(fromDocs.columns[name]));
    }
  });

  it('reads "" as missing when told so, and kW into W', async () => {
    const b = await dotnet;
    const [deviceId] = demoDeviceIds(b, 1);
    const query = { deviceId: deviceId as string, from: NOW - DAY, to: NOW };
    const missing = await clientFor(b, { emptyNumber: 'missing' }).measurements(query).collect();
    // Power1N..4N are always zero in the simulator: "" in .NET form, so missing here.
    expect(missing.columns.Power1N.every(Number.isNaN)).toBe(true);
    expect(missing.issues.some((i) => i.field === 'Power1N' && i.reason === 'empty')).toBe(true);
    const watts = await clientFor(b).measurements(query).collect();
    const kilowatts = await clientFor(b, { powerUnit: 'kW' }).measurements(query).collect();
    expect(kilowatts.columns.PowerUsage[0]).toBe(Math.round((watts.columns.PowerUsage[0] as number) * 100_000) / 100);
    expect(kilowatts.columns.Voltage[0]).toBe(watts.columns.Voltage[0]);
  });

  it('refuses an unknown powerUnit or emptyNumber at creation, naming the option', async () => {
    const b = await dotnet;
    expect(() => clientFor(b, { powerUnit: 'MW' as never })).toThrow(ValidationError);
    expect(() => clientFor(b, { emptyNumber: 'nothing' as never })).toThrow(/emptyNumber/);
  });
});
