import type { LiveState } from '@carbontrack/core/live';
import type { ReactiveControllerHost } from 'lit';
import { emit } from './events.js';

/**
 * A module loaded on first use (a chunk of its own in `ct-widgets.js`), so pages that never need
 * it never download it: uPlot for charts, the energy maths for summaries and energy bars, the
 * power-flow diagram. A failed load stays failed (shown as an error with a retry button) until
 * {@link retry}; each widget that asked for it fires `ct-error` once for it, with the key
 * `module:<what>`, as for a failed fetch.
 */
export class LazyModule<M> {
  /** The module, once loaded. */
  value: M | undefined;
  /** Why the load failed, until a retry. */
  error: unknown;
  private pending: Promise<unknown> | undefined;
  // The hosts that asked while it loads, each updated once when it settles (not once per render).
  private readonly waiting = new Set<ReactiveControllerHost>();
  // The hosts told of the current failure by `ct-error`: once each, until a retry.
  private told = new WeakSet<ReactiveControllerHost>();

  /**
   * @param what - What the module is, for the error a failed load shows ("the chart"): Safari's
   *   own message names no file.
   * @param load - Imports the module (a dynamic `import()`, so bundlers make it a chunk).
   */
  constructor(
    private readonly what: string,
    private readonly load: () => Promise<M>,
  ) {}

  /** The module when loaded; otherwise starts loading it and updates `host` once it is in (or failed). */
  get(host: ReactiveControllerHost): M | undefined {
    if (this.value) return this.value;
    if (this.error !== undefined) {
      this.tell(host);
      return undefined;
    }
    this.waiting.add(host);
    this.pending ??= this.load()
      .then(
        (module) => {
          this.value = module;
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
          this.error = new Error(`Could not load ${this.what}: ${reason}`, { cause: error });
        },
      )
      .finally(() => {
        this.pending = undefined;
        const hosts = [...this.waiting];
        this.waiting.clear();
        for (const waiting of hosts) {
          if (this.error !== undefined) this.tell(waiting);
          waiting.requestUpdate();
        }
      });
    return undefined;
  }

  /** Fires `ct-error` on `host` for the current failure, once, after the render that asked. */
  private tell(host: ReactiveControllerHost): void {
    if (this.told.has(host) || !(host instanceof EventTarget)) return;
    this.told.add(host);
    const error = this.error;
    const message = error instanceof Error ? error.message : String(error);
    queueMicrotask(() => emit(host, 'ct-error', { key: `module:${this.what}`, error, message }));
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
    this.told = new WeakSet();
  }
}
