import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerListCommands } from './commands/list-commands.js';
import { registerMeasurementsCommand } from './commands/measurements-command.js';
import { registerProbeCommand } from './commands/probe-command.js';
import { registerSimulatorCommand } from './commands/simulator-command.js';
import { registerSummaryCommand } from './commands/summary-command.js';
import { apiFailure, isApiError } from './connection/api-error.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { CliIo } from './terminal/cli-io.js';

const ENVIRONMENT_HELP = `
Environment:
  CARBONTRACK_BASE_URL    the API (default when credentials are set: https://apiv2.carbontrack.com.au)
  CARBONTRACK_USERNAME    login name (asked for on the terminal when missing)
  CARBONTRACK_PASSWORD    password (asked for on the terminal when missing; never taken from flags)
  XDG_CONFIG_HOME         tokens are cached in $XDG_CONFIG_HOME/carbontrack/tokens.json (mode 0600)
  With none of the CARBONTRACK_ variables, ct uses its built-in simulator and says so.

Exit codes: 0 ok, 1 usage error, 2 API error, 3 partial export (run again with --resume).
`;

/** Builds the `ct` command tree (commander), writing through `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('ct')
    .description('carbonTRACK from the command line: fleets, exports, summaries and a probe of the real API')
    .version(VERSION, '--version', 'print the version')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ENVIRONMENT_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerListCommands(program, io);
  registerMeasurementsCommand(program, io);
  registerExportCommand(program, io);
  registerSummaryCommand(program, io);
  registerProbeCommand(program, io);
  registerSimulatorCommand(program, io);
  // Every command exits through runCli, so each gets the same error handling.
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/**
 * Runs `ct` with `argv` (the arguments after `ct`) and returns the exit code; errors are one line
 * on stderr (`ct: …`) with what to do next, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = createProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_CODES.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message (or the help / version) already.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const failure = toCliError(error, io);
    io.stderr.write(`ct: ${failure.message}\n`);
    if (failure.hint) io.stderr.write(`    ${failure.hint}\n`);
    return failure.exitCode;
  }
}

function toCliError(error: unknown, io: CliIo): CliError {
  if (error instanceof CliError) return error;
  if (isApiError(error)) return apiFailure(error);
  if (io.signal.aborted) return new CliError('interrupted', EXIT_CODES.partial);
  if (error instanceof RangeError || error instanceof TypeError) return new CliError(error.message, EXIT_CODES.usage);
  return new CliError(error instanceof Error ? error.message : String(error), EXIT_CODES.api);
}

// The package's own version, so `ct --version` cannot drift from what is published.
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
