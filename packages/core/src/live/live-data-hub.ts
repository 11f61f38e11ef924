import type { CarbonTrackCalls } from '../client/create-client.js';

/**
 * Something the hub can fetch and share: a stable `key` (equal keys are one cache entry and one
 * request) and how to fetch it. Build these with the factories in `resources.ts`.
 */
export interface LiveResource<T> {
  /** Cache and dedup key; two resources with the same key must fetch the same thing. */
  readonly key: string;
  /**
   * Fetches the current value; relative ranges are resolved here, at fetch time. A long fetch may
   * call `progress` as it goes (shown as "Loading 120 of 365 days").
   */
  fetch(client: CarbonTrackCalls, signal: AbortSignal, progress?: (progress: LoadProgress) => void): Promise<T>;
}

/** How far a fetch in flight has got. */
export interface LoadProgress {
  /** Parts fetched so far. */
  readonly done: number;
  /** Parts in all. */
  readonly total: number;
  /** What a part is (`'day'` for measurement windows). */
  readonly unit: string;
}

/** What a subscriber sees of one resource. */
export interface LiveState<T> {
  /** The last value fetched successfully; undefined until the first success. */
  readonly value: T | undefined;
  /** The error of the last fetch, or undefined when it succeeded. */
  readonly error: unknown;
  /** When the last fetch (successful or not) finished, epoch ms; null before the first one. */
  readonly fetchedAt: number | null;
  /** When `value` was fetched, epoch ms; null before the first success. */
  readonly updatedAt: number | null;
  /** Whether a request for this key is in flight. */
  readonly loading: boolean;
  /** How far the fetch in flight has got, when its resource reports it. */
  readonly progress?: LoadProgress | undefined;
}

/** How one subscriber wants its resource kept fresh. */
export interface SubscribeOptions {
  /** Poll every this many ms while this subscriber is active (0 or absent: no polling). */
  refreshIntervalMs?: number | undefined;
  /** Whether the subscriber is currently shown (default always); call {@link LiveDataHub.activityChanged} when it changes. */
  active?: (() => boolean) | undefined;
}

/** Options of {@link LiveDataHub}. */
export interface LiveDataHubOptions {
  /** A cached value younger than this is reused by new subscribers without a request (default 30 000 ms). */
  maxAgeMs?: number | undefined;
  /** Values kept for keys nobody subscribes to any more, oldest dropped first (default 32). */
  maxIdleEntries?: number | undefined;
  /** Clock in epoch ms (default `Date.now`). */
  now?: (() => number) | undefined;
}

/** Called with the new state after every change (request started, value, error). */
export type LiveListener<T> = (state: LiveState<T>) => void;

interface Subscriber {
  listener: LiveListener<unknown>;
  intervalMs: number;
  active: () => boolean;
}

interface Entry {
  resource: LiveResource<unknown>;
  state: LiveState<unknown>;
  subscribers: Set<Subscriber>;
  inFlight: Promise<void> | null;
  abort: AbortController | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** When the pending timer fires, epoch ms. */
  timerDueAt: number;
}

/** The smallest refresh interval among the active, polling subscribers; Infinity when none. */
function pollInterval(entry: Entry): number {
  let intervalMs = Number.POSITIVE_INFINITY;
  for (const s of entry.subscribers) {
    if (s.intervalMs > 0 && s.intervalMs < intervalMs && s.active()) intervalMs = s.intervalMs;
  }
  return intervalMs;
}

const INITIAL_STATE: LiveState<never> = {
  value: undefined,
  error: undefined,
  fetchedAt: null,
  updatedAt: null,
  loading: false,
};

/**
 * A framework-free cache of live carbonTRACK data shared by every view of a page (widgets, a VS Code
 * webview): one entry per resource key with its last value, error and fetch time; one request in
 * flight per key whatever the number of subscribers; polling per key at the smallest interval among
 * its active subscribers, paused while none is active; no timer left once nobody subscribes.
 */
export class LiveDataHub {
  /** The client every request goes through. */
  readonly client: CarbonTrackCalls;
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgeMs: number;
  private readonly maxIdleEntries: number;
  private readonly now: () => number;
  private disposed = false;

  constructor(client: CarbonTrackCalls, options: LiveDataHubOptions = {}) {
    this.client = client;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
    this.maxIdleEntries = options.maxIdleEntries ?? 32;
    this.now = options.now ?? Date.now;
  }

  /**
   * Subscribes to a resource: `listener` gets the cached state at once (when there is one) and every
   * change after it. Fetches when there is no fresh value. Returns the unsubscribe function.
   */
  subscribe<T>(resource: LiveResource<T>, listener: LiveListener<T>, options: SubscribeOptions = {}): () => void {
    if (this.disposed) throw new Error('LiveDataHub is disposed');
    const entry = this.entryFor(resource);
    const subscriber: Subscriber = {
      listener: listener as LiveListener<unknown>,
      intervalMs: Math.max(0, options.refreshIntervalMs ?? 0),
      active: options.active ?? (() => true),
    };
    entry.subscribers.add(subscriber);
    this.touch(entry);
    if (entry.state.fetchedAt !== null || entry.inFlight) subscriber.listener(entry.state);
    const age = entry.state.updatedAt === null ? Number.POSITIVE_INFINITY : this.now() - entry.state.updatedAt;
    if (!entry.inFlight && (entry.state.error !== undefined || age >= this.maxAgeMs)) {
      void this.load(entry);
    } else {
      this.schedule(entry);
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      entry.subscribers.delete(subscriber);
      if (entry.subscribers.size === 0) this.idle(entry);
      else this.schedule(entry);
    };
  }

  /** The cached state of a key (the initial empty state when there is none). */
  get<T>(key: string): LiveState<T> {
    return (this.entries.get(key)?.state ?? INITIAL_STATE) as LiveState<T>;
  }

  /**
   * Fetches a key now (a retry button), sharing a request already in flight. Resolves when the
   * fetch is over; never rejects (errors go to the state).
   */
  refresh(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    return entry.inFlight ?? this.load(entry);
  }

  /**
   * Re-reads every subscriber's `active()`: call it when visibility changes (a widget scrolled into
   * view, the tab shown again). Paused keys whose data is due are fetched at once.
   */
  activityChanged(): void {
    for (const entry of this.entries.values()) this.schedule(entry);
  }

  /** Keys with a pending poll timer (for tests and diagnostics). */
  get scheduledKeys(): string[] {
    return [...this.entries.values()].filter((e) => e.timer !== null).map((e) => e.resource.key);
  }

  /** Cancels every request and timer and forgets every value; the hub cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) {
      this.clearTimer(entry);
      entry.abort?.abort();
      entry.subscribers.clear();
    }
    this.entries.clear();
  }

  private entryFor(resource: LiveResource<unknown>): Entry {
    let entry = this.entries.get(resource.key);
    if (!entry) {
      entry = {
        resource,
        state: INITIAL_STATE,
        subscribers: new Set(),
        inFlight: null,
        abort: null,
        timer: null,
        timerDueAt: 0,
      };
      this.entries.set(resource.key, entry);
    }
    return entry;
  }

  /** Moves an entry to the end of the map, so idle entries are evicted oldest first. */
  private touch(entry: Entry): void {
    this.entries.delete(entry.resource.key);
    this.entries.set(entry.resource.key, entry);
  }

  private idle(entry: Entry): void {
    this.clearTimer(entry);
    entry.abort?.abort();
    const idle = [...this.entries.values()].filter((e) => e.subscribers.size === 0);
    for (const old of idle.slice(0, Math.max(0, idle.length - this.maxIdleEntries))) {
      this.entries.delete(old.resource.key);
    }
  }

  private load(entry: Entry): Promise<void> {
    this.clearTimer(entry);
    const abort = new AbortController();
    entry.abort = abort;
    this.setState(entry, { ...entry.state, loading: true });
    const run = async () => {
      try {
        const value = await entry.resource.fetch(this.client, abort.signal, (progress) => {
          if (!abort.signal.aborted && entry.abort === abort) this.setState(entry, { ...entry.state, progress });
        });
        if (abort.signal.aborted) return;
        const now = this.now();
        this.setState(entry, {
          value,
          error: undefined,
          fetchedAt: now,
          updatedAt: now,
          loading: false,
          progress: undefined,
        });
      } catch (error) {
        if (abort.signal.aborted) return;
        this.setState(entry, { ...entry.state, error, fetchedAt: this.now(), loading: false, progress: undefined });
      }
    };
    const inFlight = run().finally(() => {
      if (entry.inFlight !== inFlight) return;
      entry.inFlight = null;
      entry.abort = null;
      if (abort.signal.aborted) {
        // Cancelled because nobody listens any more: forget the half-started load.
        entry.state = { ...entry.state, loading: false };
        return;
      }
      this.schedule(entry);
    });
    entry.inFlight = inFlight;
    return inFlight;
  }

  /** (Re)arms the poll timer of an entry from its active subscribers; clears it when none polls. */
  private schedule(entry: Entry): void {
    if (this.disposed || entry.inFlight) return;
    const intervalMs = pollInterval(entry);
    if (intervalMs === Number.POSITIVE_INFINITY) {
      this.clearTimer(entry);
      return;
    }
    const last = entry.state.fetchedAt ?? Number.NEGATIVE_INFINITY;
    const dueAt = Math.max(this.now(), last + intervalMs);
    if (entry.timer !== null && entry.timerDueAt === dueAt) return;
    this.clearTimer(entry);
    entry.timerDueAt = dueAt;
    entry.timer = setTimeout(
      () => {
        entry.timer = null;
        // Subscribers may have gone off-screen without telling us; then this tick only pauses.
        if (pollInterval(entry) === Number.POSITIVE_INFINITY) return;
        void this.load(entry);
      },
      Math.max(0, dueAt - this.now()),
    );
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
  }

  private setState(entry: Entry, state: LiveState<unknown>): void {
    entry.state = state;
    for (const s of [...entry.subscribers]) {
      try {
        s.listener(state);
      } catch (error) {
        // One broken view must not stop the others from updating.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
