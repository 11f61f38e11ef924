/**
 * `@carbontrack/cli`: the `ct` command line, also callable in-process (`runCli`) with its own
 * streams and environment, as the tests and other tools do.
 * @packageDocumentation
 */
export { CliError, usageError } from './cli-error.js';
export { EXIT_CODES, type ExitCode } from './exit-codes.js';
export { createProgram, runCli } from './program.js';
export type { CliIo } from './terminal/cli-io.js';
