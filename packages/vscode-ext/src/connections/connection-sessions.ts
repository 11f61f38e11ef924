import {
  AuthenticationError,
  type CarbonTrackClient,
  type CarbonTrackClientOptions,
  createCarbonTrackClient,
} from '@carbontrack/core';
import { EventEmitter } from 'vscode';
import type { ConnectionConfig, ConnectionStore } from './connection-store.js';

/** Where a connection stands, shown in the tree and the status bar. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  /** The last failure, when `state` is 'error'. */
  error?: unknown;
}

/** The password is missing from secret storage. */
export class MissingPasswordError extends AuthenticationError {
  constructor(connection: ConnectionConfig) {
    super(`no password stored for ${connection.name}`, { method: 'POST', path: '/oauth/token' });
  }
}

/**
 * One core client per connection, built from settings and secret storage, with new tokens written
 * back to secret storage through core's `onTokens`. Tracks each connection's state and the active one.
 */
export class ConnectionSessions {
  private readonly clients = new Map<string, Promise<CarbonTrackClient>>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  private activeId: string | undefined;
  private readonly _onDidChange = new EventEmitter<ConnectionConfig | undefined>();
  /** Fires when a connection's state, the active connection or the list changes. */
  readonly onDidChange = this._onDidChange.event;

  constructor(
    readonly store: ConnectionStore,
    private readonly clientOptions: Partial<CarbonTrackClientOptions> = {},
  ) {}

  list(): ConnectionConfig[] {
    return this.store.list();
  }

  get active(): ConnectionConfig | undefined {
    const all = this.list();
    return all.find((c) => c.id === this.activeId) ?? all[0];
  }

  setActive(id: string | undefined): void {
    this.activeId = id;
    this._onDidChange.fire(undefined);
  }

  status(id: string): ConnectionStatus {
    return this.statuses.get(id) ?? { state: 'idle' };
  }

  /** The connection's client; credentials are read once, from secret storage. */
  client(connection: ConnectionConfig): Promise<CarbonTrackClient> {
    let client = this.clients.get(connection.id);
    if (!client) {
      client = this.createClient(connection);
      this.clients.set(connection.id, client);
      client.catch(() => this.clients.delete(connection.id));
    }
    return client;
  }

  /** Runs one API task and records the outcome as the connection's state. */
  async run<T>(connection: ConnectionConfig, task: (client: CarbonTrackClient) => Promise<T>): Promise<T> {
    if (this.status(connection.id).state !== 'connected') this.setStatus(connection, { state: 'connecting' });
    try {
      const result = await task(await this.client(connection));
      if (this.status(connection.id).state !== 'connected') this.setStatus(connection, { state: 'connected' });
      return result;
    } catch (error) {
      if (!isAbort(error)) this.setStatus(connection, { state: 'error', error });
      throw error;
    }
  }

  /** Forgets the client (after an edit, a new password or a removal). */
  reset(id: string): void {
    this.clients.delete(id);
    this.statuses.delete(id);
    this._onDidChange.fire(undefined);
  }

  dispose(): void {
    this._onDidChange.dispose();
  }

  private async createClient(connection: ConnectionConfig): Promise<CarbonTrackClient> {
    const [password, tokens] = await Promise.all([
      this.store.password(connection.id),
      this.store.tokens(connection.id),
    ]);
    if (!password) throw new MissingPasswordError(connection);
    return createCarbonTrackClient({
      ...this.clientOptions,
      baseUrl: connection.baseUrl,
      credentials: { username: connection.username, password },
      powerUnit: connection.powerUnit,
      emptyNumber: connection.emptyNumber,
      tokens,
      onTokens: (next) => this.store.storeTokens(connection.id, next),
    });
  }

  private setStatus(connection: ConnectionConfig, status: ConnectionStatus): void {
    this.statuses.set(connection.id, status);
    this._onDidChange.fire(connection);
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancellationError');
}
