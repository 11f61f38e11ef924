// UTC offsets of IANA zones through Intl. Formatters are costly to build, so one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at an instant, in minutes (e.g. 600 for AEST, 660 for AEDT). */
export function utcOffsetMinutes(timeZone: string, timeMs: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(timeMs))) fields[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(timeMs / 1000) * 1000) / 60_000);
}
