// Runs the carbontrack-proxy bin as its own process, as it is deployed, and reads its JSON log.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from '@carbontrack/test-support/free-port';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;

/** One proxy process; `lines` are its JSON log lines. */
export interface ProxyProcess {
  url: string;
  port: number;
  lines: Array<Record<string, unknown>>;
  stdout: () => string;
  stop: () => Promise<void>;
}

export async function startProxy(env: Record<string, string>, knownPort?: number): Promise<ProxyProcess> {
  const port = knownPort ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, [CLI, '--port', String(port)], {
    env: { PATH: process.env.PATH ?? '', CARBONTRACK_USERNAME: 'demo', CARBONTRACK_PASSWORD: 'demo', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let raw = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`proxy exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      raw += `${line}\n`;
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.event === 'listening') resolve(entry.url as string);
    });
  });
  return {
    url,
    port,
    lines,
    stdout: () => raw,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A process that does not stop on SIGTERM within 3 s is killed: a test must not hang on it.
        const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
