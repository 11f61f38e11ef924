import { CancellationError, ProgressLocation } from 'vscode';
import type { WindowPort } from '../ports.js';

/** Reports how far a task is: the share done (0..1) and a line saying what. */
export type ReportProgress = (share: number, message: string) => void;

/**
 * Runs `task` under a cancellable notification: Cancel aborts the task's signal (with a
 * `CancellationError`), and `report` turns shares into the notification's increments.
 */
export function withCancellableProgress<T>(
  window: Pick<WindowPort, 'withProgress'>,
  title: string,
  task: (signal: AbortSignal, report: ReportProgress) => Promise<T>,
): Thenable<T> {
  return window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort(new CancellationError()));
      let reported = 0;
      try {
        return await task(controller.signal, (share, message) => {
          const percent = Math.floor(Math.min(1, Math.max(0, share)) * 100);
          progress.report({ increment: percent - reported, message });
          reported = percent;
        });
      } finally {
        subscription.dispose();
      }
    },
  );
}
