/**
 * What a measurement field measures, used to pick units, axes and which fields energy maths applies to.
 */
export type MeasurementKind =
  | 'power'
  | 'apparent-power'
  | 'power-factor'
  | 'temperature'
  | 'voltage'
  | 'irradiation'
  | 'percent'
  | 'signal'
  | 'flow';

/** Description of one numeric field of a carbonTRACK measurement record. */
export interface MeasurementFieldInfo {
  /** The JSON property name, exactly as the API sends it. */
  readonly name: string;
  /** A short human-readable label for tables and chart legends. */
  readonly label: string;
  /** The assumed unit symbol ('' for dimensionless values). */
  readonly unit: string;
  /** What the field measures. */
  readonly kind: MeasurementKind;
}

/**
 * The 34 numeric fields of `CarbonTrack.Data.MeasurementResponseModel`, in the order of the OpenAPI
 * description (which is also the order the API emits them in).
 *
 * The carbonTRACK documentation states no units. This table is the single place where the toolkit's
 * unit assumptions live: watts (W) for real power, volt-amperes (VA) for the PowerVAH channels (the name
 * suggests VA-hours, but the values behave like instantaneous apparent power next to Power1-4), a
 * dimensionless 0..1 power factor, degrees Celsius, volts, W/m² for irradiation, percent for battery
 * charge, dBm for signal strength and litres per minute for flow. Change a unit here and every consumer
 * (energy maths, charts, widgets) follows.
 */
export const MEASUREMENT_FIELDS = [
  { name: 'PowerUsage', label: 'Power usage', unit: 'W', kind: 'power' },
  { name: 'Generating', label: 'Generation', unit: 'W', kind: 'power' },
  { name: 'PowerExported', label: 'Power exported', unit: 'W', kind: 'power' },
  { name: 'PowerFactor1', label: 'Power factor 1', unit: '', kind: 'power-factor' },
  { name: 'PowerFactor2', label: 'Power factor 2', unit: '', kind: 'power-factor' },
  { name: 'PowerFactor3', label: 'Power factor 3', unit: '', kind: 'power-factor' },
  { name: 'PowerFactor4', label: 'Power factor 4', unit: '', kind: 'power-factor' },
  { name: 'Power1', label: 'Power 1', unit: 'W', kind: 'power' },
  { name: 'Power2', label: 'Power 2', unit: 'W', kind: 'power' },
  { name: 'Power3', label: 'Power 3', unit: 'W', kind: 'power' },
  { name: 'Power4', label: 'Power 4', unit: 'W', kind: 'power' },
  { name: 'Power1N', label: 'Power 1 N', unit: 'W', kind: 'power' },
  { name: 'Power2N', label: 'Power 2 N', unit: 'W', kind: 'power' },
  { name: 'Power3N', label: 'Power 3 N', unit: 'W', kind: 'power' },
  { name: 'Power4N', label: 'Power 4 N', unit: 'W', kind: 'power' },
  { name: 'PowerVAH1', label: 'Apparent power 1', unit: 'VA', kind: 'apparent-power' },
  { name: 'PowerVAH2', label: 'Apparent power 2', unit: 'VA', kind: 'apparent-power' },
  { name: 'PowerVAH3', label: 'Apparent power 3', unit: 'VA', kind: 'apparent-power' },
  { name: 'PowerVAH4', label: 'Apparent power 4', unit: 'VA', kind: 'apparent-power' },
  { name: 'Temperature1', label: 'Temperature 1', unit: '°C', kind: 'temperature' },
  { name: 'Temperature2', label: 'Temperature 2', unit: '°C', kind: 'temperature' },
  { name: 'Temperature3', label: 'Temperature 3', unit: '°C', kind: 'temperature' },
  { name: 'Temperature4', label: 'Temperature 4', unit: '°C', kind: 'temperature' },
  { name: 'Temperature5', label: 'Temperature 5', unit: '°C', kind: 'temperature' },
  { name: 'Temperature6', label: 'Temperature 6', unit: '°C', kind: 'temperature' },
  { name: 'Temperature7', label: 'Temperature 7', unit: '°C', kind: 'temperature' },
  { name: 'Temperature8', label: 'Temperature 8', unit: '°C', kind: 'temperature' },
  { name: 'Irradiation', label: 'Irradiation', unit: 'W/m²', kind: 'irradiation' },
  { name: 'BatteryCharge', label: 'Battery charge', unit: '%', kind: 'percent' },
  { name: 'Flow', label: 'Flow', unit: 'L/min', kind: 'flow' },
  { name: 'Voltage', label: 'Voltage', unit: 'V', kind: 'voltage' },
  { name: 'SignalStrength', label: 'Signal strength', unit: 'dBm', kind: 'signal' },
  { name: 'PowerUsageNet', label: 'Net power usage (import)', unit: 'W', kind: 'power' },
  { name: 'PowerExportedNet', label: 'Net power exported', unit: 'W', kind: 'power' },
] as const satisfies readonly MeasurementFieldInfo[];

/** Name of one of the 34 numeric measurement fields, e.g. `'PowerUsage'`. */
export type MeasurementField = (typeof MEASUREMENT_FIELDS)[number]['name'];

/** The 34 numeric field names in API order. */
export const MEASUREMENT_FIELD_NAMES: readonly MeasurementField[] = MEASUREMENT_FIELDS.map((f) => f.name);

const BY_NAME: ReadonlyMap<string, MeasurementFieldInfo> = new Map(MEASUREMENT_FIELDS.map((f) => [f.name, f]));

/** Whether `name` is one of the 34 numeric measurement fields. */
export function isMeasurementField(name: string): name is MeasurementField {
  return BY_NAME.has(name);
}

/**
 * The description of a numeric measurement field.
 * @throws RangeError when `name` is not a measurement field.
 */
export function measurementField(name: MeasurementField | string): MeasurementFieldInfo {
  const info = BY_NAME.get(name);
  if (info === undefined) throw new RangeError(`Unknown measurement field '${name}'`);
  return info;
}

/**
 * The unit the API sends power in: watts (the toolkit's default and its one internal unit) or
 * kilowatts. The documentation states none (see `x-decision-units` in the OpenAPI description);
 * a client told `'kW'` reads every power and apparent-power field into W and VA as it parses, so
 * the energy maths, the series and every label downstream stay in one unit.
 */
export type PowerUnit = 'W' | 'kW';

/** Per field in {@link MEASUREMENT_FIELD_NAMES} order, the power of ten its values are scaled by when read. @internal */
export function readExponents(powerUnit: PowerUnit = 'W'): Int8Array {
  const exponents = new Int8Array(MEASUREMENT_FIELDS.length);
  if (powerUnit === 'kW') {
    MEASUREMENT_FIELDS.forEach((field, i) => {
      if (field.kind === 'power' || field.kind === 'apparent-power') exponents[i] = 3;
    });
  } else if (powerUnit !== 'W') {
    throw new RangeError(`powerUnit must be 'W' or 'kW', got ${String(powerUnit)}`);
  }
  return exponents;
}
