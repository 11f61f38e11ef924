import { EXIT_CODES, type ExitCode } from './exit-codes.js';

/**
 * A failure `ct` reports as one line on stderr, with what to do next, and exits with its code.
 * Messages never carry a credential: they are built from flags and the client's redacted errors.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** The exit code. */
    readonly exitCode: ExitCode = EXIT_CODES.usage,
    /** What the user can do about it, printed after the message. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A {@link CliError} for a bad command line (exit code 1). */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, EXIT_CODES.usage, hint);
}
