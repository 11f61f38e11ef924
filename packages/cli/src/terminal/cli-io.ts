import type { Readable, Writable } from 'node:stream';

/** What a command reads and writes: the process's streams and environment, replaceable in-process. */
export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: long commands stop cleanly and keep what is done. */
  readonly signal: AbortSignal;
}

/** Writes a line to stderr. */
export function note(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}
