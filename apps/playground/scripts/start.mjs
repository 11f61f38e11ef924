// `pnpm start` at the root: the main job. Builds what the playground needs (core, simulator, widgets) with
// turbo, then serves the playground with the embedding proxy and the simulator on one URL.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllowedOrigins } from './allowed-origins.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const serve = fileURLToPath(new URL('./serve.mjs', import.meta.url));

// A mistyped origin fails here, before a build, not as a 403 in a partner's page later.
try {
  parseAllowedOrigins(process.env.CARBONTRACK_ALLOWED_ORIGINS);
} catch (error) {
  console.error(`pnpm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const env = { TURBO_TELEMETRY_DISABLED: '1', ...process.env };
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@carbontrack/playground^...', '--output-logs=errors-only'],
  { stdio: 'inherit', env, cwd: repoRoot },
);
if (build.status !== 0) {
  console.error('pnpm start: the build failed; see the output above.');
  process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, [serve], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
