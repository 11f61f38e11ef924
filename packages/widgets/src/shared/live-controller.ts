import { NetworkError } from '@carbontrack/core';
import type { LiveDataHub, LiveResource, LiveState } from '@carbontrack/core/live';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit } from './events.js';

/** What a {@link LiveController} needs from the element that hosts it. */
export interface LiveHost extends ReactiveControllerHost, EventTarget {
  /** The hub from the nearest `<ct-provider>`, if any. */
  readonly hub: LiveDataHub | undefined;
  /** Poll interval in ms (0: none). */
  readonly refreshIntervalMs: number;
  /** Whether the element is on screen in a visible tab. */
  isActive(): boolean;
}

const IDLE: LiveState<never> = { value: undefined, error: undefined, fetchedAt: null, updatedAt: null, loading: true };

/**
 * Keeps one hub subscription in step with the element: subscribes while connected, re-subscribes
 * when the hub or the resource key changes, re-renders the host on every state and turns state
 * changes into `ct-load` and `ct-error` events.
 */
export class LiveController<T> implements ReactiveController {
  state: LiveState<T> = IDLE;
  private key: string | null = null;
  private hub: LiveDataHub | undefined;
  private interval = 0;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    private readonly host: LiveHost,
    private readonly resource: () => LiveResource<T> | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Call from the host's `willUpdate`: follows attribute and provider changes. */
  sync(): void {
    if (!this.connected) return;
    let resource: LiveResource<T> | null;
    try {
      resource = this.resource();
    } catch (error) {
      this.stop();
      this.key = null;
      this.state = { value: undefined, error, fetchedAt: Date.now(), updatedAt: null, loading: false };
      return;
    }
    const hub = this.host.hub;
    const interval = this.host.refreshIntervalMs;
    if (resource?.key === this.key && hub === this.hub && interval === this.interval && this.unsubscribe) return;
    this.stop();
    this.key = resource?.key ?? null;
    this.hub = hub;
    this.interval = interval;
    if (!resource) {
      this.state = { ...IDLE, loading: false };
      return;
    }
    if (!hub) {
      this.state = IDLE;
      return;
    }
    let last: LiveState<T> | null = null;
    this.unsubscribe = hub.subscribe(
      resource,
      (state) => {
        const previous = last;
        last = state;
        this.state = state;
        this.host.requestUpdate();
        if (state.loading || state.fetchedAt === null || state.fetchedAt === previous?.fetchedAt) return;
        if (state.error === undefined) emit(this.host, 'ct-load', { key: resource.key, fetchedAt: state.fetchedAt });
        else emit(this.host, 'ct-error', { key: resource.key, error: state.error, message: messageOf(state.error) });
      },
      { refreshIntervalMs: interval, active: () => this.host.isActive() },
    );
  }

  /** Fetches again now (the retry button). */
  retry(): Promise<void> {
    if (!this.hub || this.key === null) {
      this.sync();
      return Promise.resolve();
    }
    return this.hub.refresh(this.key);
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

/** The text shown for an error. */
export function messageOf(error: unknown): string {
  if (error instanceof NetworkError) {
    // A browser hides why a cross-origin request failed; the usual cause is worth naming.
    const origin = globalThis.location?.origin;
    return `${error.message}. The API could not be reached${origin ? `: if the provider's base-url is on another origin, its proxy must allow ${origin} (allowedOrigins)` : ''}.`;
  }
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong';
}
