import type { Command } from 'commander';
import { openConnection } from '../connection/open-connection.js';
import { intFlag } from '../options/number-flag.js';
import { formatProbeMarkdown, runProbe } from '../probe/index.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';

/** Registers `ct probe`: a conformance report of the API the credentials reach, against our OpenAPI description. */
export function registerProbeCommand(program: Command, io: CliIo): void {
  program
    .command('probe')
    .description('check the API the credentials reach against the OpenAPI description: what differs')
    .option('--json', 'print the report as JSON instead of Markdown')
    .option('--budget <n>', 'most requests the probe may send', '60')
    .addHelpText(
      'after',
      '\nThe report never contains the password, a token or customer personal data: it is safe to share.',
    )
    .action(async (options: { json?: boolean; budget: string }) => {
      const requestBudget = intFlag('--budget', options.budget, 20, 1000);
      const connection = await openConnection(io);
      const inProcess = connection.fetch;
      note(
        io,
        `ct: probing ${connection.simulated ? 'the built-in simulator' : connection.baseUrl} (at most ${requestBudget} requests)…`,
      );
      const report = await runProbe({
        baseUrl: connection.baseUrl,
        username: connection.username,
        password: connection.password,
        fetch: inProcess ? (input, init) => inProcess(new Request(input, init)) : undefined,
        requestBudget,
        signal: io.signal,
        // The built-in simulator is answered in-process: nothing leaves the machine.
        allowInsecureHttp: connection.simulated,
      });
      io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatProbeMarkdown(report));
    });
}
