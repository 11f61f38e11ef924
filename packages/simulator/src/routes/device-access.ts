// Shared by Device and Measurement: a distributor sees only its own devices.

import type { DemoAccount } from '../auth/accounts.js';
import type { DeviceRecord, World } from '../data/world.js';
import { ApiError, ERROR_NUMBERS } from '../http/error-response.js';

/** 403 when a request names another distributor's ID. */
export function assertOwnDistributor(account: DemoAccount, distributorId: string | undefined): void {
  if (distributorId !== undefined && distributorId.toLowerCase() !== account.distributorId.toLowerCase()) {
    throw new ApiError(403, ERROR_NUMBERS.forbidden, 'DistributorID belongs to another distributor.');
  }
}

/** The device with this ID: 404 when unknown, 403 when it belongs to another distributor. */
export function findOwnDevice(world: World, account: DemoAccount, deviceId: string): DeviceRecord {
  const device = world.deviceById.get(deviceId);
  if (!device) throw new ApiError(404, ERROR_NUMBERS.notFound, `Device ${deviceId} was not found.`);
  if (device.distributorId !== account.distributorId) {
    throw new ApiError(403, ERROR_NUMBERS.forbidden, 'The device belongs to another distributor.');
  }
  return device;
}
