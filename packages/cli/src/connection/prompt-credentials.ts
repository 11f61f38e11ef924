import { createInterface } from 'node:readline/promises';
import { CliError, usageError } from '../cli-error.js';
import type { CliIo } from '../terminal/cli-io.js';

/**
 * Asks for what the environment left out: the login name (echoed) and the password (not echoed,
 * read in raw mode), on the terminal. Without a terminal it is a usage error saying which
 * variables to set, never a hang.
 */
export async function promptCredentials(
  io: CliIo,
  known: { username?: string | undefined },
): Promise<{ username: string; password: string }> {
  if (!io.stdin.isTTY || typeof io.stdin.setRawMode !== 'function') {
    throw usageError(
      'no password: CARBONTRACK_PASSWORD is not set and there is no terminal to ask on',
      'Set CARBONTRACK_USERNAME and CARBONTRACK_PASSWORD in the environment, or run ct in a terminal.',
    );
  }
  let username = known.username;
  if (!username) {
    const lines = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    try {
      username = (await lines.question('carbonTRACK user name: ')).trim();
    } finally {
      lines.close();
    }
    if (!username) throw usageError('no user name given');
  }
  const password = await readHidden(io, `Password for ${username}: `);
  if (!password) throw usageError('no password given');
  return { username, password };
}

function readHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    // Echo goes off before the question shows, so nothing typed after it can be echoed.
    stdin.setRawMode?.(true);
    stdin.resume();
    io.stderr.write(question);
    let typed = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer | string) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new CliError('cancelled', 1));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
