// Runs the built `ct` (dist/bin/ct.js) as a subprocess, as a person's shell would.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built bin. */
export const CT_BIN = fileURLToPath(new URL('../dist/bin/ct.js', import.meta.url));

/** What a finished run printed and how it exited. */
export interface CtResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/**
 * An environment without the developer's CARBONTRACK_ variables or config folder: a fresh
 * XDG_CONFIG_HOME per call unless given, plus `extra`.
 */
export function ctEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('CARBONTRACK_') && key !== 'XDG_CONFIG_HOME') env[key] = value;
  }
  return { ...env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'ct-config-')), ...extra };
}

/** Starts `ct args…`; the child and a promise of its result. */
export function startCt(
  args: readonly string[],
  env: NodeJS.ProcessEnv = ctEnv(),
): { child: ChildProcess; done: Promise<CtResult> } {
  const child = spawn(process.execPath, [CT_BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin?.end();
  const done = new Promise<CtResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
  });
  return { child, done };
}

/** Runs `ct args…` to the end. */
export function runCt(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CtResult> {
  return startCt(args, env).done;
}

/** Environment for an account on `url`. */
export function accountEnv(url: string, username = 'demo', password = 'demo', extra: Record<string, string> = {}) {
  return ctEnv({ CARBONTRACK_BASE_URL: url, CARBONTRACK_USERNAME: username, CARBONTRACK_PASSWORD: password, ...extra });
}
