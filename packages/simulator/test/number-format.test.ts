import { parseFormattedNumber } from '@carbontrack/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningSimulator } from '../src/index.js';
import { ContractClient } from './helpers/contract-client.js';

const NOW = Date.UTC(2025, 0, 15, 3, 7, 12);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// The same world written both ways: the .NET forms carry the same values, and both match the contract.
describe('--number-format dotnet', () => {
  const servers: Record<'docs' | 'dotnet', RunningSimulator | undefined> = { docs: undefined, dotnet: undefined };
  const pages: Record<string, Record<string, string>[]> = {};

  beforeAll(async () => {
    for (const format of ['docs', 'dotnet'] as const) {
      const server = await listen({ seed: 11, now: () => NOW, numberFormat: format });
      servers[format] = server;
      const api = new ContractClient(server.url);
      const token = (await api.login()).access_token;
      const device = server.simulator.world.devices.find((d) => d.offlineSinceMs === null && d.battery);
      const page = await api.request('POST', '/ctapi/Measurement', {
        token,
        json: { DeviceID: device?.id, FromUTCDate: iso(NOW - DAY), ToUTCDate: iso(NOW), PageIndex: 0 },
      });
      expect(page.status).toBe(200);
      pages[format] = page.body.Measurements;
    }
  });
  afterAll(async () => {
    await servers.docs?.close();
    await servers.dotnet?.close();
  });

  it('writes the forms .NET prints: "" for zero, no integer zero, no trailing zeros, separators only in SignalStrength', () => {
    const values = (pages.dotnet ?? []).flatMap((record) => Object.entries(record));
    const numbers = values.filter(([key]) => !['ID', 'DeviceID', 'RecordDateTime'].includes(key));
    expect(numbers.some(([, v]) => v === '')).toBe(true);
    expect(numbers.some(([, v]) => /^-?\.\d+$/.test(v))).toBe(true);
    expect(numbers.some(([, v]) => /^-?\d+$/.test(v))).toBe(true);
    expect(numbers.every(([, v]) => !/\.\d*0$/.test(v) && !/^-?0\d/.test(v) && v !== '0')).toBe(true);
    expect(numbers.filter(([key]) => key !== 'SignalStrength').every(([, v]) => !v.includes(','))).toBe(true);
    // The docs form is unchanged: two decimals everywhere.
    const docs = (pages.docs ?? []).flatMap((record) => Object.entries(record));
    expect(
      docs.filter(([key]) => !['ID', 'DeviceID', 'RecordDateTime'].includes(key)).every(([, v]) => /\.\d\d$/.test(v)),
    ).toBe(true);
  });

  it('carries exactly the same values as the docs form ("" read as zero)', () => {
    const docs = pages.docs ?? [];
    const dotnet = pages.dotnet ?? [];
    expect(dotnet.length).toBe(288);
    expect(dotnet.length).toBe(docs.length);
    docs.forEach((record, row) => {
      for (const [key, text] of Object.entries(record)) {
        const other = dotnet[row]?.[key] as string;
        if (['ID', 'DeviceID', 'RecordDateTime'].includes(key)) expect(other).toBe(text);
        else expect(other === '' ? 0 : parseFormattedNumber(other)).toBe(parseFormattedNumber(text));
      }
    });
  });
});

describe('the number format default', () => {
  it('follows CARBONTRACK_SIMULATOR_NUMBER_FORMAT, so a whole test run can be switched', async () => {
    const { resolveOptions } = await import('../src/options.js');
    const before = process.env.CARBONTRACK_SIMULATOR_NUMBER_FORMAT;
    try {
      process.env.CARBONTRACK_SIMULATOR_NUMBER_FORMAT = 'dotnet';
      expect(resolveOptions({}).numberFormat).toBe('dotnet');
      expect(resolveOptions({ numberFormat: 'docs' }).numberFormat).toBe('docs');
      delete process.env.CARBONTRACK_SIMULATOR_NUMBER_FORMAT;
      expect(resolveOptions({}).numberFormat).toBe('docs');
      expect(() => resolveOptions({ numberFormat: 'excel' as never })).toThrow(/numberFormat/);
    } finally {
      if (before === undefined) delete process.env.CARBONTRACK_SIMULATOR_NUMBER_FORMAT;
      else process.env.CARBONTRACK_SIMULATOR_NUMBER_FORMAT = before;
    }
  });
});
