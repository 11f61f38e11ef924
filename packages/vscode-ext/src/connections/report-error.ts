import {
  AuthenticationError,
  CarbonTrackError,
  NetworkError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@carbontrack/core';
import type { WindowPort } from '../ports.js';
import { isAbort } from './connection-sessions.js';
import type { ConnectionConfig } from './connection-store.js';

/** What a notification's button does. */
export interface ErrorActions {
  reenterPassword: (connection: ConnectionConfig) => unknown;
  retry: () => unknown;
}

const RE_ENTER = 'Re-enter Password';
const RETRY = 'Retry';

/**
 * Shows a failure as a notification with the action that can fix it: re-enter the password after an
 * authentication error, retry after a network, timeout, rate-limit or server error.
 * A connection's failure is shown once until {@link forget} (its state changed: it connected again,
 * or was reset), so a dead connection does not bring back a dismissed notification at every
 * refresh; other repeated messages within a few seconds are shown once (a tree expands many nodes
 * at once).
 */
export class ErrorReporter {
  private readonly recent = new Map<string, number>();
  private readonly shown = new Map<string, Set<string>>();

  /** Lets the failures of `connectionId` be shown again (call when its state changes). */
  forget(connectionId: string): void {
    this.shown.delete(connectionId);
  }

  constructor(
    private readonly window: WindowPort,
    private readonly actions: ErrorActions,
  ) {}

  async report(error: unknown, connection?: ConnectionConfig): Promise<void> {
    if (isAbort(error)) return;
    const text = describeError(error, connection);
    if (connection) {
      const seen = this.shown.get(connection.id) ?? new Set<string>();
      if (seen.has(text)) return;
      seen.add(text);
      this.shown.set(connection.id, seen);
    }
    const now = Date.now();
    if ((this.recent.get(text) ?? 0) > now - 5_000) return;
    this.recent.set(text, now);
    if (error instanceof AuthenticationError && connection) {
      const choice = await this.window.showErrorMessage(text, RE_ENTER);
      if (choice === RE_ENTER) await this.actions.reenterPassword(connection);
      return;
    }
    if (
      error instanceof NetworkError ||
      error instanceof TimeoutError ||
      error instanceof ServerError ||
      error instanceof RateLimitError
    ) {
      const choice = await this.window.showErrorMessage(text, RETRY);
      if (choice === RETRY) await this.actions.retry();
      return;
    }
    await this.window.showErrorMessage(text);
  }
}

export function describeError(error: unknown, connection?: ConnectionConfig): string {
  const where = connection ? ` (${connection.name})` : '';
  if (error instanceof AuthenticationError) return `carbonTRACK: sign-in failed${where}: ${error.message}`;
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return `carbonTRACK: cannot reach the API${where}: ${error.message}`;
  }
  if (error instanceof CarbonTrackError) return `carbonTRACK${where}: ${error.message}`;
  return `carbonTRACK${where}: ${error instanceof Error ? error.message : String(error)}`;
}
