/** Detail of `ct-load`: fresh data arrived. */
export interface CtLoadDetail {
  /** Cache key of the resource that loaded (see `@carbontrack/core/live`). */
  key: string;
  /** When it was fetched, epoch ms. */
  fetchedAt: number;
}

/** Detail of `ct-error`: a fetch (or a chunk of the widgets) failed; the widget shows its message and a retry button. */
export interface CtErrorDetail {
  /**
   * Cache key of the resource that failed; `module:<what>` ("module:the chart") when a part of
   * the widgets loaded on demand could not be fetched.
   */
  key: string;
  /** The error (a `CarbonTrackError` for API failures). */
  error: unknown;
  /** The error's message, as shown. */
  message: string;
}

/** Detail of `ct-select`: the user picked something (a chart point, a device card, a flow node). */
export interface CtSelectDetail {
  /** Device the selection belongs to. */
  deviceId: string;
  /** Time of the selected point, epoch ms (chart), or null. */
  time: number | null;
  /** Values at the selection, by field or flow node name, in the units shown. */
  values: Record<string, number>;
}

/** Detail of `ct-ready`: the widget shows its first data. */
export interface CtReadyDetail {
  /** When it was first shown, epoch ms. */
  shownAt: number;
}

/** `ct-ready` event. */
export type CtReadyEvent = CustomEvent<CtReadyDetail>;
/** `ct-load` event. */
export type CtLoadEvent = CustomEvent<CtLoadDetail>;
/** `ct-error` event. */
export type CtErrorEvent = CustomEvent<CtErrorDetail>;
/** `ct-select` event. */
export type CtSelectEvent = CustomEvent<CtSelectDetail>;

declare global {
  interface HTMLElementEventMap {
    'ct-load': CtLoadEvent;
    'ct-ready': CtReadyEvent;
    'ct-error': CtErrorEvent;
    'ct-select': CtSelectEvent;
  }
}

/** Dispatches a bubbling, composed `ct-*` event from `target`. */
export function emit<K extends 'ct-load' | 'ct-ready' | 'ct-error' | 'ct-select'>(
  target: EventTarget,
  name: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
