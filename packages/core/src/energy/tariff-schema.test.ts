import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/carbon-track-error.js';
import { validateTariff } from './tariff-validation.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
const schema = read('tariff.schema.json');
const example = read('example-time-of-use.tariff.json');
const validate = new Ajv2020({ allErrors: true }).compile(schema);

// The schema shipped with the package and validateTariff agree: what one refuses for its shape,
// the other refuses too; what the schema cannot see (the week's coverage) only validateTariff does.
describe('tariff.schema.json', () => {
  it('accepts the example tariff, and so does validateTariff', () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validateTariff(example)).toBe(example);
  });

  // A loose view of the example's JSON, for breaking it in one place.
  type Loose = { [key: string]: Loose } & Loose[];
  const broken: Array<[string, (t: Loose) => void]> = [
    ['no name', (t) => delete (t as Partial<Loose>).name],
    ['a lowercase currency', (t) => set(t, ['currency'], 'aud')],
    ['a GST rate above 1', (t) => set(t, ['gstRate'], 10)],
    ['no versions', (t) => set(t, ['versions'], [])],
    ['a negative supply charge', (t) => set(t, ['versions', 0, 'supplyPerDay'], -1)],
    ['a time of 25:00', (t) => set(t, ['versions', 0, 'import', 'timeOfUse', 0, 'windows', 0, 'to'], '25:00')],
    ['a day called funday', (t) => set(t, ['versions', 0, 'import', 'timeOfUse', 0, 'windows', 0, 'days'], ['funday'])],
    ['a rate both flat and time-of-use', (t) => set(t, ['versions', 1, 'feedIn', 'flat'], 0.1)],
  ];
  it.each(broken)('refuses %s, as validateTariff does', (_, breakIt) => {
    const tariff = structuredClone(example);
    breakIt(tariff);
    expect(validate(tariff)).toBe(false);
    expect(() => validateTariff(tariff)).toThrow(ValidationError);
  });

  it('lets through a week with a gap, which only validateTariff refuses', () => {
    const tariff = structuredClone(example);
    tariff.versions[0].import.timeOfUse[0].windows[0].days = ['mon'];
    expect(validate(tariff)).toBe(true);
    expect(() => validateTariff(tariff)).toThrow(
      /tariff versions\[0\]\.import\.timeOfUse: leaves \w{3} 16:00 in month 1 without a price/,
    );
  });
});

/** Sets a value at a path of plain JSON. */
function set(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}
