import { isMeasurementField, type MeasurementFieldInfo, measurementField } from '@carbontrack/core';

/** Core's description of a measurement field, or undefined for a name that is not one (e.g. a typo in an attribute). */
export function fieldInfo(name: string): MeasurementFieldInfo | undefined {
  return isMeasurementField(name) ? measurementField(name) : undefined;
}

/** The unit symbol of a measurement field ('' for none or an unknown name). */
export function fieldUnit(name: string): string {
  return fieldInfo(name)?.unit ?? '';
}
