import type { components } from '@carbontrack/api';

type Schemas = components['schemas'];

/** A distributor: the container of customers that owns the authenticated account. */
export type Distributor = Schemas['CarbonTrack.Data.DistributorModel'];
/** A customer with the IDs of their devices. */
export type Customer = Schemas['CarbonTrack.Data.CustomerDevicesModel'];
/** A device installed for a customer. */
export type Device = Schemas['CarbonTrack.Data.DeviceResponseModel'];
/** One measurement record as the API sends it (numbers as formatted strings). */
export type MeasurementRecord = Schemas['CarbonTrack.Data.MeasurementResponseModel'];
/** One page of measurements as the API sends it. */
export type MeasurementPage = Schemas['CarbonTrack.Data.MeasurementResponsesModel'];
/** The API's error payload fields. */
export type ApiErrorPayload = Schemas['ErrorResponse'];
