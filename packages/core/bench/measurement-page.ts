import { MEASUREMENT_FIELD_NAMES } from '../src/measurements/fields.js';

/** Deterministic pseudo-random numbers (mulberry32) so every run parses the same page. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function formatted(value: number): string {
  // toLocaleString would do this too, but is slow enough to dominate generating 100,000 records.
  const [intPart = '0', fraction = '00'] = value.toFixed(2).split('.');
  let grouped = '';
  for (let end = intPart.length; end > 0; end -= 3) {
    grouped = intPart.slice(Math.max(0, end - 3), end) + (grouped === '' ? '' : `,${grouped}`);
  }
  return `${grouped}.${fraction}`;
}

function uuid(next: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

/** The page shapes the parse benchmark compares. */
export type PageShape =
  /** Large random values with thousands separators ("8,765.43"): the project's first benchmark page. */
  | 'large'
  /** A feed with unused channels: mostly "0.00", the rest one- or two-digit values. */
  | 'small'
  /** What .NET's `#.##` prints: "" for zero, ".5", "12.3", no separators. */
  | 'dotnet'
  /** The large page with one value in five unusable ("N/A", "1e3", "--"). */
  | 'bad20';

/** .NET `#.##` of a number: no integer zero, no trailing fraction zeros, "" for zero. */
function dotnet(value: number): string {
  const hundredths = Math.round(value * 100);
  if (hundredths === 0) return '';
  const whole = Math.floor(hundredths / 100);
  const cents = hundredths % 100;
  const fraction = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${cents < 10 ? '0' : ''}${cents}`;
  return `${whole === 0 ? '' : whole}${fraction}`;
}

const BAD = ['N/A', '1e3', '--', 'null?', '1,00.0'];

/**
 * A measurement page in the API's exact format (keys in OpenAPI order, no whitespace), 5-minute
 * samples, its values as `shape` says (default: large values with thousands separators).
 */
export function measurementPageText(records: number, seed = 42, shape: PageShape = 'large'): string {
  const next = random(seed);
  const start = Date.UTC(2024, 0, 1);
  const parts: string[] = [];
  for (let i = 0; i < records; i++) {
    const when = new Date(start + i * 300_000).toISOString().replace('.000Z', 'Z');
    let record = `{"ID":"${uuid(next)}","DeviceID":"8796541235874587","RecordDateTime":"${when}"`;
    for (const name of MEASUREMENT_FIELD_NAMES) {
      let value: number;
      if (name.startsWith('PowerFactor')) value = 0.8 + next() * 0.2;
      else if (name.startsWith('Temperature')) value = 10 + next() * 25;
      else if (name === 'Voltage') value = 230 + next() * 20;
      else if (name === 'BatteryCharge') value = next() * 100;
      else if (name.endsWith('N')) value = 0;
      else value = next() * 12_000;
      let text: string;
      if (shape === 'small') {
        // Unused channels read zero; the rest are small, and repeat.
        const used =
          name === 'PowerUsage' || name === 'Voltage' || name.startsWith('PowerFactor1') || name === 'Temperature1';
        text = used ? `${Math.floor(next() * 60)}.${next() < 0.5 ? '00' : '50'}` : '0.00';
      } else if (shape === 'dotnet') {
        text = dotnet(name.endsWith('N') || name.startsWith('Temperature') ? 0 : value);
      } else if (shape === 'bad20' && next() < 0.2) {
        text = BAD[Math.floor(next() * BAD.length)] as string;
      } else {
        text = formatted(value);
      }
      record += `,"${name}":"${text}"`;
    }
    parts.push(`${record}}`);
  }
  return `{"Measurements":[${parts.join(',')}],"Count":${records},"Pages":1,"PagesIndex":0,"ResponseCode":200,"ResponseMessage":"OK","Message":"","Error":0,"ErrorNumber":0,"ErrorMessage":""}`;
}
