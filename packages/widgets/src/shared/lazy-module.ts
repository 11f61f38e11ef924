import type { ReactiveControllerHost } from 'lit';

/**
 * A module loaded on first use (a chunk of its own in `ct-widgets.js`), so pages that never need
 * it never download it: uPlot for charts, the energy maths for summaries and energy bars. A
 * failed load is kept as `error` until a later `get` tries again.
 */
export class LazyModule<M> {
  /** The module, once loaded. */
  value: M | undefined;
  /** Why the last load failed (cleared when a new one starts). */
  error: unknown;
  private pending: Promise<M> | undefined;

  constructor(private readonly load: () => Promise<M>) {}

  /** The module when loaded; otherwise starts loading it and updates `host` once it is in (or failed). */
  get(host: ReactiveControllerHost): M | undefined {
    if (this.value) return this.value;
    if (!this.pending) {
      this.error = undefined;
      this.pending = this.load().then(
        (module) => {
          this.value = module;
          return module;
        },
        (error: unknown) => {
          this.error = error;
          this.pending = undefined;
          throw error;
        },
      );
    }
    this.pending.then(
      () => host.requestUpdate(),
      () => host.requestUpdate(),
    );
    return undefined;
  }
}
