import { zoneOffsetMs } from '@carbontrack/api';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 local time with its offset in `timeZone`, e.g. "2024-04-07T02:30:00+10:00". */
export function formatLocalIso(t: number, timeZone: string): string {
  const offset = zoneOffsetMs(timeZone, t);
  const local = new Date(t + offset);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
  );
}
