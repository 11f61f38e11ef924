import type { Customer } from '@carbontrack/core';
import type { WindowPort, WorkspacePort } from '../ports.js';

/**
 * A query for one device, ready to run: its energy per local day over the last 7 days (the zone
 * is the setting's, else the device's own). Valid as written (the parser's checks pass).
 */
export function deviceQueryText(deviceId: string): string {
  return `${JSON.stringify(
    {
      endpoint: 'measurements',
      filters: { deviceId },
      range: { last: '7d' },
      bucket: 'day',
      fields: ['PowerUsage', 'Generating', 'PowerExported'],
      format: 'csv',
    },
    null,
    2,
  )}\n`;
}

/** A query for one customer's devices, ready to run. */
export function customerQueryText(customer: Pick<Customer, 'AccountNumber'>): string {
  return `${JSON.stringify(
    { endpoint: 'devices', filters: { customerReference: customer.AccountNumber ?? '' }, format: 'json' },
    null,
    2,
  )}\n`;
}

/** Opens `text` as a new `.ctquery` editor (run it with its CodeLens). */
export async function openQuery(ports: { window: WindowPort; workspace: WorkspacePort }, text: string) {
  const document = await ports.workspace.openTextDocument({ language: 'ctquery', content: text });
  return ports.window.showTextDocument(document, { preview: false });
}
