import type { CarbonTrackTokens } from '@carbontrack/core';

/** A connection as kept in settings: no password, no token. */
export interface ConnectionConfig {
  /** Stable identifier, used as the key of its secrets. */
  id: string;
  /** Display name in the tree and the status bar. */
  name: string;
  /** API root, e.g. https://apiv2.carbontrack.com.au or a local simulator's URL. */
  baseUrl: string;
  /** Account username. */
  username: string;
  /** True for a connection that lives only in this session (the local simulator). */
  transient?: boolean;
  /** The unit this API sends power in (default W); kW values are read into W. */
  powerUnit?: 'W' | 'kW';
  /** What an empty number string means for this API (default zero, as .NET's `#.##` prints 0). */
  emptyNumber?: 'zero' | 'missing';
}

/** The part of `workspace.getConfiguration('carbontrack')` the store needs. */
export interface SettingsPort {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The part of `vscode.SecretStorage` the store needs. */
export interface SecretsPort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

const passwordKey = (id: string) => `carbontrack.password.${id}`;
const tokensKey = (id: string) => `carbontrack.tokens.${id}`;

/**
 * Connections: base URL and username in settings, password and tokens only in secret storage.
 * Transient connections (the local simulator, whose port changes every session) stay in memory.
 */
export class ConnectionStore {
  private readonly transient = new Map<string, { config: ConnectionConfig; password: string }>();
  private readonly transientTokens = new Map<string, string>();

  constructor(
    private readonly settings: SettingsPort,
    private readonly secrets: SecretsPort,
  ) {}

  list(): ConnectionConfig[] {
    const saved = (this.settings.get<ConnectionConfig[]>('connections') ?? []).filter(isConnectionConfig);
    return [...saved, ...[...this.transient.values()].map((t) => t.config)];
  }

  get(id: string): ConnectionConfig | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Adds or replaces a connection (by id) and its password. */
  async save(config: ConnectionConfig, password?: string): Promise<void> {
    if (config.transient) {
      const previous = this.transient.get(config.id);
      this.transient.set(config.id, { config, password: password ?? previous?.password ?? '' });
      this.transientTokens.delete(config.id);
      return;
    }
    const saved = (this.settings.get<ConnectionConfig[]>('connections') ?? []).filter((c) => c.id !== config.id);
    const { transient: _, ...persisted } = config;
    await this.settings.update('connections', [...saved, persisted]);
    if (password !== undefined) await this.secrets.store(passwordKey(config.id), password);
    // New URL, user or password: tokens of the old ones must not be reused.
    await this.secrets.delete(tokensKey(config.id));
  }

  async remove(id: string): Promise<void> {
    if (this.transient.delete(id)) {
      this.transientTokens.delete(id);
      return;
    }
    const saved = (this.settings.get<ConnectionConfig[]>('connections') ?? []).filter((c) => c.id !== id);
    await this.settings.update('connections', saved);
    await this.secrets.delete(passwordKey(id));
    await this.secrets.delete(tokensKey(id));
  }

  async password(id: string): Promise<string | undefined> {
    const transient = this.transient.get(id);
    if (transient) return transient.password;
    return this.secrets.get(passwordKey(id));
  }

  async setPassword(id: string, password: string): Promise<void> {
    const transient = this.transient.get(id);
    if (transient) transient.password = password;
    else await this.secrets.store(passwordKey(id), password);
    await this.clearTokens(id);
  }

  async tokens(id: string): Promise<CarbonTrackTokens | undefined> {
    const text = this.transient.has(id) ? this.transientTokens.get(id) : await this.secrets.get(tokensKey(id));
    if (!text) return undefined;
    try {
      const tokens = JSON.parse(text) as CarbonTrackTokens;
      return typeof tokens.accessToken === 'string' && typeof tokens.expiresAt === 'number' ? tokens : undefined;
    } catch {
      return undefined;
    }
  }

  async storeTokens(id: string, tokens: CarbonTrackTokens): Promise<void> {
    const text = JSON.stringify(tokens);
    if (this.transient.has(id)) this.transientTokens.set(id, text);
    else await this.secrets.store(tokensKey(id), text);
  }

  async clearTokens(id: string): Promise<void> {
    if (this.transient.has(id)) this.transientTokens.delete(id);
    else await this.secrets.delete(tokensKey(id));
  }
}

function isConnectionConfig(value: unknown): value is ConnectionConfig {
  const c = value as Partial<ConnectionConfig> | null;
  return (
    !!c &&
    typeof c.id === 'string' &&
    typeof c.name === 'string' &&
    typeof c.baseUrl === 'string' &&
    typeof c.username === 'string' &&
    (c.powerUnit === undefined || c.powerUnit === 'W' || c.powerUnit === 'kW') &&
    (c.emptyNumber === undefined || c.emptyNumber === 'zero' || c.emptyNumber === 'missing')
  );
}

/** Why a base URL cannot be used, or undefined when it can (http(s), absolute, no credentials in it). */
export function validateBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'Enter an absolute URL, e.g. https://apiv2.carbontrack.com.au';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https:// or http://';
  if (url.username || url.password) return 'Put the username and password in their own fields, not in the URL';
  return undefined;
}
