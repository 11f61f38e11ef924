/** A day of the week, as tariffs name them. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Weekdays in `Date.getUTCDay()` order (0 = Sunday). @internal */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * When a rate applies, in the device's local time: these weekdays, from `from` (inclusive) to `to`
 * (exclusive, `"24:00"` for midnight), in these months (the season; default all year). A window
 * whose `to` is before its `from` runs past midnight into the next day.
 */
export interface TariffWindow {
  days: readonly Weekday[];
  /** `HH:MM`, 00:00 to 23:59. */
  from: string;
  /** `HH:MM`, 00:01 to 24:00. */
  to: string;
  /** Months 1 (January) to 12; default all twelve. */
  months?: readonly number[];
}

/** One named price of a time-of-use schedule (peak, shoulder, off-peak, …) and when it applies. */
export interface TariffPeriod {
  name: string;
  /** Price in currency units a kWh (before GST unless the tariff says its prices include it). */
  price: number;
  windows: readonly TariffWindow[];
}

/**
 * A price a kWh: one flat price, or time-of-use periods whose windows cover every minute of the
 * week, each once, in every month.
 */
export type TariffRate = { flat: number } | { timeOfUse: readonly TariffPeriod[] };

/** A demand charge: the month's highest 30-minute average import power within the windows, priced a kW. */
export interface DemandCharge {
  /** Price a kW of the month's peak, a month. */
  pricePerKwMonth: number;
  /** When demand counts (default: always); unlike rates, the windows need not cover the week. */
  windows?: readonly TariffWindow[];
}

/** The prices of a tariff from one date on: a price change is a new version, so past bills stay as they were. */
export interface TariffVersion {
  /** First local day it applies, `YYYY-MM-DD`. */
  validFrom: string;
  /** First local day it no longer applies (exclusive), `YYYY-MM-DD`; open-ended without it. */
  validTo?: string;
  /** What imported energy costs. */
  import: TariffRate;
  /** What exported energy is credited (default none). */
  feedIn?: TariffRate;
  /** Daily supply charge, a local calendar day. */
  supplyPerDay: number;
  /** Optional demand charge. */
  demand?: DemandCharge;
}

/**
 * An electricity tariff as data (see `tariff.schema.json` in this package): prices a kWh in, a
 * credit a kWh out, a daily supply charge, an optional demand charge, GST and dated versions.
 * No real retailer's prices ship with the toolkit; examples are labelled as examples.
 */
export interface Tariff {
  name: string;
  /** ISO 4217 code of the prices (default 'AUD'). */
  currency?: string;
  /** Whether prices already include GST (default false: GST is added on the charges, not on the feed-in credit). */
  pricesIncludeGst?: boolean;
  /** GST rate (default 0.1, Australia's). */
  gstRate?: number;
  /** At least one version; versions must not overlap. */
  versions: readonly TariffVersion[];
}
