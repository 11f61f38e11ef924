// Whatever the probe writes passes through here last: a partner pastes the report into an issue,
// so it must hold neither the secrets the run handled (password, tokens) nor a value from a
// customer record, even where a server echoed one into an error message.
import { redact } from '@carbontrack/core';

// Shorter personal values ("Mia", "NSW") would blank ordinary words of the report; the probe never
// writes customer values, so this list only catches what a server echoes back.
const MIN_PERSONAL_LENGTH = 4;

// Twelve digits or more: device IDs (16), account and phone numbers run together.
const LONG_DIGITS = /\d{12,}/g;

/** Shortens an identifier to its first and last four characters, e.g. `8796…4587`. */
export function shortenId(id: string): string {
  return id.length <= 10 ? id : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** Collects the secrets and personal values of a run and removes them from text and reports. */
export class Redactor {
  private readonly values = new Set<string>();
  private sorted: string[] | null = null;

  /** Registers a secret (password, token), also in the encodings a request or message may carry it in. */
  addSecret(value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    this.sorted = null;
    this.values.add(value);
    this.values.add(encodeURIComponent(value));
    this.values.add(new URLSearchParams({ v: value }).toString().slice(2));
    this.values.add(JSON.stringify(value).slice(1, -1));
  }

  /** Registers a value from a customer record. */
  addPersonal(value: unknown): void {
    if (typeof value !== 'string' || value.trim().length < MIN_PERSONAL_LENGTH) return;
    this.sorted = null;
    this.values.add(value.trim());
  }

  /** `text` without secrets or personal values, long digit runs shortened, cut to `max` characters. */
  text(text: string, max = 400): string {
    // Longest first, so a value containing another is removed whole.
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    const clean = redact(text, this.sorted).replace(LONG_DIGITS, shortenId);
    return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  }

  /** A copy of `value` with {@link Redactor.text} applied to every string, keys included. */
  scrub<T>(value: T): T {
    return this.scrubValue(value) as T;
  }

  private scrubValue(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value, Number.POSITIVE_INFINITY);
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [this.text(k), this.scrubValue(v)]));
    }
    return value;
  }
}

/** The message of anything thrown, with its cause (fetch puts the reason there), sanitised. */
export function describeError(error: unknown, redactor: Redactor): string {
  if (!(error instanceof Error)) return redactor.text(String(error), 200);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = cause
    ? ` (${typeof code === 'string' && !cause.message.includes(code) ? `${code}: ` : ''}${cause.message})`
    : '';
  return redactor.text(`${error.message}${detail}`, 200);
}
