/** The `lang` of the nearest ancestor that has one, crossing shadow roots; else the browser's. */
export function nearestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) {
      const lang = node.getAttribute('lang') ?? '';
      if (lang) return supported(lang);
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return supported(globalThis.navigator?.language ?? 'en');
}

const supportedLangs = new Map<string, string>();
function supported(lang: string): string {
  let known = supportedLangs.get(lang);
  if (known === undefined) {
    try {
      known = Intl.NumberFormat.supportedLocalesOf([lang]).length > 0 ? lang : 'en';
    } catch {
      known = 'en';
    }
    // Every render asks; the lookup is slow and the answer never changes.
    if (supportedLangs.size < 100) supportedLangs.set(lang, known);
  }
  return known;
}

// Intl formatters are slow to build and immutable: one per locale and options, shared by every widget.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A shared `Intl.DateTimeFormat` for a locale, zone and style. */
export function dateTimeFormat(
  lang: string,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { ...options, ...(timeZone ? { timeZone } : {}) });
    dateFormats.set(key, format);
  }
  return format;
}

/** Number and date formatting in one locale, with the units of `MEASUREMENT_FIELDS`. */
export class Formatter {
  readonly lang: string;

  constructor(lang: string) {
    this.lang = lang;
  }

  number(value: number, maximumFractionDigits = 1, minimumFractionDigits = 0): string {
    const key = `${this.lang}|${maximumFractionDigits}:${minimumFractionDigits}`;
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.lang, { maximumFractionDigits, minimumFractionDigits });
      numberFormats.set(key, format);
    }
    return format.format(value);
  }

  /** A number with its sign (+1.2, −0.4, 0), for changes. */
  signed(value: number, maximumFractionDigits = 1): string {
    return this.cached(`signed|${maximumFractionDigits}`, () => ({
      maximumFractionDigits,
      signDisplay: 'exceptZero',
    })).format(value);
  }

  /** An amount of money in `currency` (ISO 4217), e.g. "$4.12"; `signed` for changes ("+$0.85"). */
  money(value: number, currency: string, signed = false): string {
    return this.cached(`money|${currency}|${signed}`, () => ({
      style: 'currency',
      currency,
      signDisplay: signed ? 'exceptZero' : 'auto',
    })).format(value);
  }

  private cached(key: string, options: () => Intl.NumberFormatOptions): Intl.NumberFormat {
    const full = `${this.lang}|${key}`;
    let format = numberFormats.get(full);
    if (!format) {
      format = new Intl.NumberFormat(this.lang, options());
      numberFormats.set(full, format);
    }
    return format;
  }

  /** Power in W, shown in W below 1 kW and in kW above. */
  power(watts: number): string {
    if (!Number.isFinite(watts)) return '–';
    return Math.abs(watts) >= 1000 ? `${this.number(watts / 1000, 2)} kW` : `${this.number(watts, 0)} W`;
  }

  /** A value with its unit symbol from `MEASUREMENT_FIELDS` ('' for none). */
  withUnit(value: number, unit: string, digits = 1): string {
    if (!Number.isFinite(value)) return '–';
    if (unit === 'W') return this.power(value);
    const text = this.number(value, digits);
    return unit === '%' ? `${text} %` : unit ? `${text} ${unit}` : text;
  }

  percent(value: number | null): string {
    if (value === null || !Number.isFinite(value)) return '–';
    return new Intl.NumberFormat(this.lang, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
  }

  dateTime(epochMs: number, timeZone?: string, options: Intl.DateTimeFormatOptions = {}): string {
    return dateTimeFormat(this.lang, timeZone, { dateStyle: 'medium', timeStyle: 'short', ...options }).format(epochMs);
  }

  /** "2 min ago", "in 3 hours", "now". */
  relative(epochMs: number, now = Date.now()): string {
    const seconds = Math.round((epochMs - now) / 1000);
    const format = new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto', style: 'short' });
    const abs = Math.abs(seconds);
    if (abs < 60) return format.format(seconds, 'second');
    if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
    if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
    return format.format(Math.round(seconds / 86_400), 'day');
  }
}
