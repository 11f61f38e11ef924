import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFLINE_AFTER_MINUTES, deviceStatus, lastDataTime } from './device-status.js';

const NOW = Date.UTC(2026, 11, 1, 10, 0);
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('deviceStatus', () => {
  it('is online within the threshold and offline past it (15 minutes: three missed reports)', () => {
    expect(DEFAULT_OFFLINE_AFTER_MINUTES).toBe(15);
    expect(deviceStatus({ DeviceDataUpdateDateTime: ago(14) }, { now: NOW })).toBe('online');
    expect(deviceStatus({ DeviceDataUpdateDateTime: ago(15) }, { now: NOW })).toBe('offline');
    expect(deviceStatus({ DeviceDataUpdateDateTime: ago(25) }, { now: NOW, offlineAfterMinutes: 30 })).toBe('online');
  });

  it('takes the newer of the reported update time and the latest record', () => {
    const device = { DeviceDataUpdateDateTime: ago(60) };
    expect(deviceStatus(device, { now: NOW })).toBe('offline');
    expect(deviceStatus(device, { now: NOW, latestRecordTime: NOW - 5 * 60_000 })).toBe('online');
    expect(lastDataTime(device, NOW - 5 * 60_000)).toBe(NOW - 5 * 60_000);
  });

  it('falls back to the status update time, and is unknown when nothing says', () => {
    expect(deviceStatus({ DeviceStatusUpdateDateTime: ago(2) }, { now: NOW })).toBe('online');
    expect(deviceStatus({}, { now: NOW })).toBe('unknown');
    expect(deviceStatus({ DeviceDataUpdateDateTime: 'not a date' }, { now: NOW })).toBe('unknown');
  });
});
