import type { LiveState } from '@carbontrack/core/live';
import type { ReactiveControllerHost } from 'lit';

/**
 * A module loaded on first use (a chunk of its own in `ct-widgets.js`), so pages that never need
 * it never download it: uPlot for charts, the energy maths for summaries and energy bars. A
 * failed load stays failed (shown as an error with a retry button) until {@link retry}.
 */
export class LazyModule<M> {
  /** The module, once loaded. */
  value: M | undefined;
  /** Why the load failed, until a retry. */
  error: unknown;
  private pending: Promise<unknown> | undefined;
  // The hosts that asked while it loads, each updated once when it settles (not once per render).
  private readonly waiting = new Set<ReactiveControllerHost>();

  constructor(private readonly load: () => Promise<M>) {}

  /** The module when loaded; otherwise starts loading it and updates `host` once it is in (or failed). */
  get(host: ReactiveControllerHost): M | undefined {
    if (this.value || this.error !== undefined) return this.value;
    this.waiting.add(host);
    this.pending ??= this.load()
      .then(
        (module) => {
          this.value = module;
        },
        (error: unknown) => {
          this.error = error ?? new Error('could not load');
        },
      )
      .finally(() => {
        this.pending = undefined;
        const hosts = [...this.waiting];
        this.waiting.clear();
        for (const waiting of hosts) waiting.requestUpdate();
      });
    return undefined;
  }

  /** The load as a live state, for a widget's skeleton and error states. */
  state(host: ReactiveControllerHost): LiveState<M> {
    const value = this.get(host);
    const error = value ? undefined : this.error;
    return { value, error, fetchedAt: null, updatedAt: null, loading: value === undefined && error === undefined };
  }

  /** Forgets a failed load, so the next {@link get} tries again. */
  retry(): void {
    this.error = undefined;
  }
}
