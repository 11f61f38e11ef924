// CARBONTRACK_ALLOWED_ORIGINS: parsed into the proxy's allowedOrigins, and a malformed value stops `pnpm start`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllowedOrigins } from '../scripts/allowed-origins.mjs';
import { freePort } from './start-stack.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const appRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command to its end and returns its exit code and everything it printed. */
function run(command: string, args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('parseAllowedOrigins', () => {
  it('reads a comma-separated list of exact origins, spaces around entries allowed', () => {
    expect(parseAllowedOrigins('http://127.0.0.1:8080, https://portal.example ,http://[::1]:3000')).toEqual([
      'http://127.0.0.1:8080',
      'https://portal.example',
      'http://[::1]:3000',
    ]);
  });

  it('unset or blank means no other origin', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins('')).toEqual([]);
    expect(parseAllowedOrigins('  ')).toEqual([]);
  });

  it.each([
    ['portal.example', 'entry 1 ("portal.example") is not a URL'],
    ['https://portal.example/', 'is not an origin as browsers send it: use https://portal.example'],
    ['https://portal.example/app', 'is not an origin as browsers send it: use https://portal.example'],
    ['https://Portal.Example', 'use https://portal.example'],
    ['https://portal.example:443', 'use https://portal.example'],
    ['http://127.0.0.1:8080,ftp://files.example', 'entry 2 ("ftp://files.example") has the scheme ftp:'],
    ['*', 'is a wildcard'],
    ['http://a.example,,http://b.example', 'entry 2 ("") is empty'],
    ['http://a.example,', 'entry 2 ("") is empty'],
  ])('rejects %j, naming the entry and the fix', (value, message) => {
    expect(() => parseAllowedOrigins(value)).toThrow(message);
    expect(() => parseAllowedOrigins(value)).toThrow(/^CARBONTRACK_ALLOWED_ORIGINS entry \d+ .*such as http:\/\//);
  });
});

describe('a malformed CARBONTRACK_ALLOWED_ORIGINS is a startup error', () => {
  it('pnpm start stops before building, with the message and exit code 2', async () => {
    const { code, output } = await run('pnpm', ['start'], repoRoot, {
      PORT: String(await freePort()),
      CARBONTRACK_ALLOWED_ORIGINS: 'http://127.0.0.1:8080,portal.example',
    });
    expect(code).toBe(2);
    expect(output).toContain('pnpm start: CARBONTRACK_ALLOWED_ORIGINS entry 2 ("portal.example") is not a URL');
    expect(output).not.toMatch(/turbo|Open http/);
  });

  it("the playground's own server (pnpm --filter @carbontrack/playground start) refuses it too", async () => {
    const { code, output } = await run(process.execPath, ['scripts/serve.mjs'], appRoot, {
      PORT: String(await freePort()),
      CARBONTRACK_ALLOWED_ORIGINS: 'https://portal.example/',
    });
    expect(code).toBe(1);
    expect(output).toContain('is not an origin as browsers send it: use https://portal.example');
    expect(output).not.toContain('Open http');
  });
});
