import { createSimulator } from '@carbontrack/simulator';
import { describe, expect, it } from 'vitest';
import { deviceTimeZone } from './device-time-zone.js';
import { resolveTimeZone } from './resolve-time-zone.js';
import { canonicalTimeZone, runtimeTimeZone } from './time-zone.js';

describe('deviceTimeZone', () => {
  it("gives every simulated device the zone of its city (real suburbs' coordinates)", async () => {
    const { world } = createSimulator({ seed: 3 });
    const rows = await Promise.all(
      world.devices.map(async (d) => ({
        id: d.id,
        expected: d.timeZone,
        got: await deviceTimeZone({ Latitude: d.latitude, Longitude: d.longitude }),
      })),
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.got !== r.expected)).toEqual([]);
  });

  it('resolves Australian border towns and the odd zones to their own zone', async () => {
    const places: Array<[string, number, number, string]> = [
      ['Broken Hill (NSW, on Adelaide time)', -31.95, 141.45, 'Australia/Broken_Hill'],
      ['Eucla (UTC+8:45)', -31.68, 128.88, 'Australia/Eucla'],
      ['Lord Howe Island', -31.55, 159.08, 'Australia/Lord_Howe'],
      ['Tweed Heads (NSW)', -28.18, 153.545, 'Australia/Sydney'],
      ['Coolangatta (QLD, no DST)', -28.168, 153.535, 'Australia/Brisbane'],
      ['Albury (NSW)', -36.08, 146.92, 'Australia/Sydney'],
      ['Wodonga (VIC)', -36.12, 146.89, 'Australia/Melbourne'],
      ['Kununurra (WA)', -15.77, 128.74, 'Australia/Perth'],
      ['Alice Springs (NT)', -23.7, 133.88, 'Australia/Darwin'],
      ['Hobart', -42.88, 147.33, 'Australia/Hobart'],
    ];
    for (const [name, Latitude, Longitude, zone] of places) {
      expect({ name, zone: await deviceTimeZone({ Latitude, Longitude }) }).toEqual({ name, zone });
    }
  });

  it('has no zone for a missing, out-of-range or (0, 0) position', async () => {
    expect(await deviceTimeZone(undefined)).toBeNull();
    expect(await deviceTimeZone({})).toBeNull();
    expect(await deviceTimeZone({ Latitude: 0, Longitude: 0 })).toBeNull();
    expect(await deviceTimeZone({ Latitude: 91, Longitude: 10 })).toBeNull();
    expect(await deviceTimeZone({ Latitude: Number.NaN, Longitude: 151 })).toBeNull();
  });
});

describe('resolveTimeZone', () => {
  const sydney = 'Australia/Sydney';

  it('prefers the view setting, then the shared one, then the device, then the runtime', () => {
    expect(resolveTimeZone({ explicit: 'Australia/Perth', shared: 'UTC', deviceZone: sydney })).toEqual({
      timeZone: 'Australia/Perth',
      source: 'attribute',
    });
    expect(resolveTimeZone({ explicit: '', shared: 'UTC', deviceZone: sydney })).toEqual({
      timeZone: 'UTC',
      source: 'provider',
    });
    expect(resolveTimeZone({ deviceZone: sydney })).toEqual({ timeZone: 'Australia/Sydney', source: 'device' });
    expect(resolveTimeZone({ deviceZone: null })).toEqual({
      timeZone: runtimeTimeZone(),
      source: 'browser',
    });
  });

  it('refuses a setting that is not a zone instead of falling through to another one', () => {
    expect(() => resolveTimeZone({ explicit: 'Sydney', deviceZone: sydney })).toThrow(
      /'Sydney' is not an IANA time zone/,
    );
    expect(() => resolveTimeZone({ shared: '+10:00' })).toThrow(RangeError);
  });

  it('canonicalises the spelling of a zone', () => {
    expect(canonicalTimeZone('australia/sydney')).toBe('Australia/Sydney');
    expect(canonicalTimeZone('Sydney')).toBeNull();
  });
});
