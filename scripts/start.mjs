// `pnpm start`: the main job. Until the playground exists (issue 6) it starts the simulator,
// so the command does something real and says so instead of failing silently.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const cli = 'packages/simulator/dist/cli.js';
run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@carbontrack/simulator', '--output-logs=errors-only']);
if (!existsSync(cli)) {
  console.error(`pnpm start: ${cli} was not built; see the build output above.`);
  process.exit(1);
}
console.log('The playground (apps/playground) is not built yet: starting the carbonTRACK simulator alone.');
run('node', [cli, '--port', process.env.PORT ?? '8787']);
