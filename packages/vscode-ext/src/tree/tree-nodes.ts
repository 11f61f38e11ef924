import type { Customer, CustomerQuery, Device, Distributor } from '@carbontrack/core';
import type { ConnectionConfig } from '../connections/connection-store.js';
import type { ReadingSummary } from '../devices/latest-reading.js';

/** Customer filters applied through the API's own query parameters. */
export type CustomerFilter = Pick<CustomerQuery, 'customerRef' | 'phone' | 'address'>;

export interface ConnectionNode {
  kind: 'connection';
  connection: ConnectionConfig;
}

export interface DistributorNode {
  kind: 'distributor';
  connection: ConnectionConfig;
  distributor: Distributor;
}

export interface CustomerNode {
  kind: 'customer';
  connection: ConnectionConfig;
  customer: Customer;
}

export interface DeviceNode {
  kind: 'device';
  connection: ConnectionConfig;
  deviceId: string;
  device: Device;
  /** The newest record; undefined when the device has none in the last hour it reported. */
  reading: ReadingSummary | undefined;
  /** Another device of the same customer has the same name: the tree then shows the ID too. */
  sharesName?: boolean;
  /** The zone the reading's time is shown in (the setting, else the device's own). */
  timeZone?: string;
}

export interface LoadMoreNode {
  kind: 'load-more';
  parent: DistributorNode;
}

/** A leaf that explains an empty or failed listing. */
export interface MessageNode {
  kind: 'message';
  connection: ConnectionConfig;
  text: string;
  tooltip?: string;
  error?: unknown;
}

export type TreeNode = ConnectionNode | DistributorNode | CustomerNode | DeviceNode | LoadMoreNode | MessageNode;

/** The node a device command was given, whatever shape it came in (tree node or device ID). */
export function isDeviceNode(value: unknown): value is DeviceNode {
  return typeof value === 'object' && value !== null && (value as TreeNode).kind === 'device';
}
