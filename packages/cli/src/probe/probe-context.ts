// What every step of a run shares, and the guard that keeps one step's failure in its own section.
import type { SchemaSource } from './exchange.js';
import type { ProbeHttp } from './probe-http.js';
import type { SectionBase } from './probe-report.js';
import type { ProbeSession } from './probe-session.js';
import { describeError, type Redactor } from './redactor.js';
import type { Credentials } from './token-grant.js';

/** The shared state of one probe run. */
export interface ProbeContext {
  http: ProbeHttp;
  session: ProbeSession;
  redactor: Redactor;
  schemas: SchemaSource;
  credentials: Credentials;
  /** The run's clock reading at its start, epoch milliseconds. */
  nowMs: number;
}

/**
 * Runs one step; whatever it throws marks `section` failed with the sanitised message, and the
 * run goes on with `fallback`.
 */
export async function guard<T>(
  context: ProbeContext,
  section: SectionBase,
  step: () => Promise<T>,
  fallback: T,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    section.outcome = 'fail';
    section.reason = `the probe step failed: ${describeError(error, context.redactor)}`;
    return fallback;
  }
}

/** Marks `section` skipped. */
export function skip(section: SectionBase, reason: string): void {
  section.outcome = 'skipped';
  section.reason = reason;
}
