import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CarbonTrackTokens } from '@carbontrack/core';

/** The folder of `ct`'s files: `$XDG_CONFIG_HOME/carbontrack`, else `~/.config/carbontrack`. */
export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'carbontrack');
}

/**
 * Access and refresh tokens kept between runs in `tokens.json` under {@link configDir}, a file only
 * the user can read (0600, in a 0700 folder), one entry per API and login name (keyed by a hash, so
 * the file names neither). Passwords are never written. A file that others could read is not
 * trusted: it is ignored and rewritten with the right mode.
 */
export class TokenCache {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'tokens.json');
  }

  /** The path of the cache file. */
  get path(): string {
    return this.file;
  }

  /** The tokens saved for this API and login, if any. */
  async load(baseUrl: string, username: string): Promise<CarbonTrackTokens | undefined> {
    const all = await this.readAll();
    const entry = all[keyOf(baseUrl, username)];
    if (!entry || typeof entry.accessToken !== 'string' || typeof entry.expiresAt !== 'number') return undefined;
    return entry;
  }

  /** Saves the tokens for this API and login, replacing the file atomically. */
  async save(baseUrl: string, username: string, tokens: CarbonTrackTokens): Promise<void> {
    const all = await this.readAll();
    all[keyOf(baseUrl, username)] = {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: tokens.expiresAt,
    };
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const partial = `${this.file}.${process.pid}.partial`;
    await writeFile(partial, `${JSON.stringify(all)}\n`, { mode: 0o600 });
    await rename(partial, this.file);
  }

  private async readAll(): Promise<Record<string, CarbonTrackTokens>> {
    try {
      const info = await stat(this.file);
      if ((info.mode & 0o077) !== 0) return {};
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, CarbonTrackTokens>) : {};
    } catch {
      return {};
    }
  }
}

function keyOf(baseUrl: string, username: string): string {
  return createHash('sha256').update(`${baseUrl}\n${username}`).digest('hex').slice(0, 32);
}
