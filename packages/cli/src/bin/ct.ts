#!/usr/bin/env node
// ct: the carbonTRACK command line. Ctrl-C (SIGINT) and SIGTERM abort the running command, which
// stops cleanly (an export keeps its finished files and manifest); a second Ctrl-C exits at once.
import { EventEmitter } from 'node:events';
import { runCli } from '../program.js';

// A measurement read keeps a few listeners per window in flight on one abort signal; Node's default
// of ten would print a leak warning for what is a bounded, expected number.
EventEmitter.defaultMaxListeners = 64;

const controller = new AbortController();
const stop = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
// Nothing else is left to wait for: a keep-alive socket or the prompt's stdin must not hold the exit.
process.stdout.write('', () => process.exit(code));
