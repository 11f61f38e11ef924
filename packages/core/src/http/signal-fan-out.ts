/**
 * Child abort signals of one parent, fed by a single listener on it: dozens of concurrent
 * requests under one parent signal would otherwise each add listeners to it (and Node warns past
 * ten). Release a child when its work is done. @internal
 */
export class SignalFanOut {
  private readonly children = new Set<AbortController>();

  constructor(private readonly parent: AbortSignal) {
    parent.addEventListener(
      'abort',
      () => {
        for (const child of this.children) child.abort(parent.reason);
      },
      { once: true },
    );
  }

  /** A signal that aborts with the parent, and a function that lets it go. */
  child(): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    if (this.parent.aborted) controller.abort(this.parent.reason);
    else this.children.add(controller);
    return { signal: controller.signal, release: () => this.children.delete(controller) };
  }
}
