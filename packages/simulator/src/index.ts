/**
 * `@carbontrack/simulator`: a local carbonTRACK-compatible API server with realistic,
 * deterministic data.
 * @packageDocumentation
 */
export type { DemoAccount } from './auth/accounts.js';
export type { AuthenticationObject } from './auth/token-store.js';
export { TIMEZONES } from './data/australia.js';
export { generateWorld } from './data/generate-world.js';
export type { MeasurementRecord } from './data/measurement-generator.js';
export type {
  BatterySpec,
  CustomerRecord,
  DeviceControl,
  DeviceRecord,
  DistributorRecord,
  HouseholdProfile,
  IndexRange,
  World,
  WorldSize,
} from './data/world.js';
export { HOSTILE_MARKUP, MAX_WORLD_DEVICES } from './data/world.js';
export type { ErrorPayload } from './http/error-response.js';
export { ERROR_NUMBERS } from './http/error-response.js';
export { FAULT_KINDS, type FaultKind } from './http/faults.js';
export type { SimulatorStats } from './http/stats.js';
export { type ListenOptions, listen, type RunningSimulator } from './listen.js';
export type { ResolvedSimulatorOptions, SimulatorOptions } from './options.js';
export { createSimulator, type FetchHandler, type Simulator } from './simulator.js';
