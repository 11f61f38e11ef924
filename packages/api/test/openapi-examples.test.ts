import { describe, expect, it } from 'vitest';
import { escapePointer, loadSpec, OpenApiValidator } from '../src/validator/openapi-validator.js';

interface Example {
  where: string;
  schemaPointer: string;
  value: unknown;
}

// Every example in the description: media-type `examples` and schema `examples`.
function collectExamples(spec: ReturnType<typeof loadSpec>): Example[] {
  const found: Example[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.schema && record.examples && typeof record.examples === 'object' && !Array.isArray(record.examples)) {
      for (const [name, example] of Object.entries(record.examples as Record<string, { value: unknown }>)) {
        found.push({ where: `${pointer}/examples/${name}`, schemaPointer: `${pointer}/schema`, value: example.value });
      }
    }
    if (Array.isArray(record.examples) && (record.type || record.$ref || record.pattern)) {
      record.examples.forEach((value, i) => {
        found.push({ where: `${pointer}/examples/${i}`, schemaPointer: pointer, value });
      });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== 'examples') visit(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  visit(spec, '#');
  return found;
}

describe('OpenAPI examples', () => {
  const validator = new OpenApiValidator();
  const examples = collectExamples(validator.spec);

  it('finds request, response and schema examples for every operation', () => {
    const operations = Object.values(validator.spec.paths as Record<string, Record<string, unknown>>).flatMap((item) =>
      Object.keys(item),
    );
    expect(operations).toHaveLength(5);
    expect(examples.filter((e) => e.where.includes('/requestBody/'))).toHaveLength(4);
    expect(examples.filter((e) => e.where.includes('/responses/200/'))).toHaveLength(5);
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(collectExamples(loadSpec()).map((e) => [e.where, e] as const))('%s matches its schema', (_where, example) => {
    const { valid, errors } = validator.validate(example.schemaPointer, example.value);
    expect(errors).toBe('');
    expect(valid).toBe(true);
  });

  it('rejects values that break the schemas (the validator is not vacuous)', () => {
    const number = '#/components/schemas/FormattedNumber';
    for (const good of ['0.00', '1,000.00', '-0.50', '0.0', '1,234,567.89', '12', '', '.5', '-.75', '1,000']) {
      expect(validator.validate(number, good).valid, good).toBe(true);
    }
    for (const bad of ['.', '-', '5.', '1,00.00', '1.000,00', 'N/A', '1e3', '--1', ' 1.00', 12]) {
      expect(validator.validate(number, bad).valid, String(bad)).toBe(false);
    }
    const measurement = '#/components/schemas/CarbonTrack.Data.MeasurementResponseModel';
    expect(validator.validate(measurement, { DeviceID: '123', PowerUsage: '1.00' }).valid).toBe(false);
    expect(validator.validate(measurement, { RecordDateTime: 'yesterday' }).valid).toBe(false);
    expect(validator.validate(measurement, { PowerUsage: 1 }).valid).toBe(false);
  });
});
