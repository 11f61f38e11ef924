/**
 * The exit codes of `ct`: 0 done; 1 a usage error (unknown flag, bad date, unwritable output: fix
 * the command line); 2 the API failed (bad credentials, a device the account cannot see, a server
 * that keeps failing); 3 an export stopped part-way (interrupted or failed), its finished files and
 * manifest kept, so `--resume` finishes it.
 */
export const EXIT_CODES = { ok: 0, usage: 1, api: 2, partial: 3 } as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
