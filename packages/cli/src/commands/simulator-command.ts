import { listen, MAX_WORLD_DEVICES } from '@carbontrack/simulator';
import type { Command } from 'commander';
import { usageError } from '../cli-error.js';
import { intFlag, positiveFlag } from '../options/number-flag.js';
import type { CliIo } from '../terminal/cli-io.js';
import { note } from '../terminal/cli-io.js';

interface SimulatorFlags {
  port: string;
  devices?: string;
  latency?: string;
  faultRate?: string;
  rateLimit?: string;
  numberFormat?: string;
}

/** Registers `ct simulator`: serves the simulator until Ctrl-C. */
export function registerSimulatorCommand(program: Command, io: CliIo): void {
  program
    .command('simulator')
    .description('serve a local carbonTRACK-compatible API with demo data until Ctrl-C')
    .option('--port <n>', 'TCP port on 127.0.0.1, 0 picks a free one', '8787')
    .option('--devices <n>', `devices in the world, 2..${MAX_WORLD_DEVICES} (default: the standard world)`)
    .option('--latency <ms>', 'delay added to every response')
    .option('--fault-rate <p>', 'share of requests that get an injected fault, 0..1')
    .option('--rate-limit <n>', 'requests a second per token')
    .option('--number-format <f>', 'docs ("1,000.00") or dotnet ("", ".5", "1000")')
    .action(async (flags: SimulatorFlags) => {
      const port = intFlag('--port', flags.port, 0, 65_535);
      const faultRate = flags.faultRate === undefined ? undefined : Number(flags.faultRate);
      if (faultRate !== undefined && !(faultRate >= 0 && faultRate <= 1)) {
        throw usageError(`--fault-rate must be within 0..1, got '${flags.faultRate}'`);
      }
      if (flags.numberFormat !== undefined && flags.numberFormat !== 'docs' && flags.numberFormat !== 'dotnet') {
        throw usageError(`--number-format must be docs or dotnet, got '${flags.numberFormat}'`);
      }
      const running = await listen(
        {
          devices: flags.devices === undefined ? undefined : intFlag('--devices', flags.devices, 2, MAX_WORLD_DEVICES),
          latencyMs: flags.latency === undefined ? undefined : intFlag('--latency', flags.latency, 0),
          faultRate,
          rateLimit: flags.rateLimit === undefined ? undefined : positiveFlag('--rate-limit', flags.rateLimit),
          numberFormat: flags.numberFormat as 'docs' | 'dotnet' | undefined,
        },
        { port },
      );
      io.stdout.write(`${running.url}\n`);
      note(io, `ct: simulator on ${running.url} (accounts demo/demo and demo2/demo2). Ctrl-C stops it.`);
      note(io, `ct: in another shell: export CARBONTRACK_BASE_URL=${running.url} CARBONTRACK_USERNAME=demo`);
      await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
      await running.close();
    });
}
