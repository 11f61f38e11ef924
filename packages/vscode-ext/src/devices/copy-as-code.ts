import type { ConnectionConfig } from '../connections/connection-store.js';
import type { DateRange } from './date-range.js';

/** A TypeScript snippet that fetches and summarizes this device's measurements with `@carbontrack/core`. */
export function deviceSnippet(connection: ConnectionConfig, deviceId: string, range: DateRange): string {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  return `import { createCarbonTrackClient } from '@carbontrack/core';
import { summarize } from '@carbontrack/core/energy';

const client = createCarbonTrackClient({
  baseUrl: ${JSON.stringify(connection.baseUrl)},
  credentials: { username: ${JSON.stringify(connection.username)}, password: process.env.CARBONTRACK_PASSWORD ?? '' },
});

// ${range.label}
const series = await client
  .measurements({ deviceId: ${JSON.stringify(deviceId)}, from: ${JSON.stringify(from)}, to: ${JSON.stringify(to)} })
  .collect();
console.log(series.length, 'records');
console.log(summarize(series));
`;
}
