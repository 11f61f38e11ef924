// Starts the real `pnpm start` stack on a free port for a test file and stops its whole process group.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@carbontrack/test-support/free-port';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export { freePort };

/** The running stack: its URL, everything it printed, and a stop function. */
export interface RunningStack {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs `pnpm start` from the repository root with PORT set, and waits for the URL it prints. */
export async function startStack(env: Record<string, string> = {}): Promise<RunningStack> {
  const port = await freePort();
  const child: ChildProcess = spawn('pnpm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), ...env },
    // Its own process group, so stopping it stops turbo, node and Vite together.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pnpm start printed no URL within 200 s:\n${output}`)), 200_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/Open (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pnpm start exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}
