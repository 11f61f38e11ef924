import type { Customer, Device, Distributor } from '@carbontrack/core';
import type { Command } from 'commander';
import { openConnection } from '../connection/open-connection.js';
import { intFlag } from '../options/number-flag.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';
import { printTable } from '../terminal/print-table.js';

/** Registers `ct distributors`, `ct customers` and `ct devices`: the account's listings as tables. */
export function registerListCommands(program: Command, io: CliIo): void {
  program
    .command('distributors')
    .description("the account's distributor(s)")
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const { client } = await openConnection(io);
      const rows = await client.distributors({ signal: io.signal }).collect();
      printTable<Distributor>(
        io,
        rows,
        [
          { heading: 'ID', value: (d) => d.ID },
          { heading: 'USER NAME', value: (d) => d.UserName },
        ],
        options.json ?? false,
      );
    });

  program
    .command('customers')
    .description("the account's customers, filtered by the API's own filters")
    .option('--ref <ref>', 'customer reference (account number) prefix, e.g. CT-1002')
    .option('--phone <digits>', 'digits of a phone number')
    .option('--address <text>', 'part of the address')
    .option('--limit <n>', 'most customers to list', '100')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { ref?: string; phone?: string; address?: string; limit: string; json?: boolean }) => {
      const limit = intFlag('--limit', options.limit, 1);
      const { client } = await openConnection(io);
      const { rows, more } = await firstOf(
        client.customers({
          customerRef: options.ref,
          phone: options.phone,
          address: options.address,
          pageSize: Math.min(500, limit + 1),
          signal: io.signal,
        }),
        limit,
      );
      printTable<Customer>(
        io,
        rows,
        [
          { heading: 'REFERENCE', value: (c) => c.AccountNumber },
          { heading: 'NAME', value: (c) => [c.FirstName, c.LastName].filter(Boolean).join(' ') },
          { heading: 'DEVICES', value: (c) => c.Devices?.length ?? 0, right: true },
          { heading: 'ADDRESS', value: (c) => c.Location },
        ],
        options.json ?? false,
      );
      if (more) note(io, `ct: the first ${limit} customers; pass --limit to see more.`);
    });

  program
    .command('devices')
    .description("the account's devices, or one customer's")
    .option('--customer <ref>', "only this customer's devices (their reference, e.g. CT-100234)")
    .option('--limit <n>', 'most devices to list', '1000')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { customer?: string; limit: string; json?: boolean }) => {
      const limit = intFlag('--limit', options.limit, 1);
      const { client } = await openConnection(io);
      const { rows, more } = await firstOf(
        client.devices({ customerReference: options.customer, signal: io.signal }),
        limit,
      );
      printTable<Device>(
        io,
        rows,
        [
          { heading: 'DEVICE ID', value: (d) => d.DeviceID },
          { heading: 'NAME', value: (d) => d.DeviceName },
          { heading: 'CUSTOMER', value: (d) => d.CustomerRef },
          { heading: 'REGISTERED', value: (d) => (d.IsRegistered ? 'yes' : 'no') },
          { heading: 'LAST DATA (UTC)', value: (d) => d.DeviceDataUpdateDateTime },
        ],
        options.json ?? false,
      );
      if (more) note(io, `ct: the first ${limit} devices; pass --limit to see more.`);
      if (rows.length === 0 && options.customer) note(io, `ct: no devices for customer ${options.customer}.`);
    });
}

/** The first `limit` items of a listing (pages stop being fetched there), and whether there were more. */
async function firstOf<T>(items: AsyncIterable<T>, limit: number): Promise<{ rows: T[]; more: boolean }> {
  const rows: T[] = [];
  for await (const item of items) {
    if (rows.length === limit) return { rows, more: true };
    rows.push(item);
  }
  return { rows, more: false };
}
