// Runs the end-to-end tests in a real VS Code (code-server + Debian chromium), see test/e2e/.
// Without code-server: fails in CI (CI=true), skips with a message locally.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const cache = process.env.CARBONTRACK_CACHE ?? join(homedir(), '.cache', 'carbontrack');
const node = join(cache, 'node-24.21.0', 'bin', 'node');
const codeServer = join(cache, 'code-server-4.139.1', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';

const missing = [
  [node, 'Node 24'],
  [codeServer, 'code-server 4.139.1'],
  [chromium, 'chromium'],
].filter(([path]) => !existsSync(path));
if (missing.length > 0) {
  const what = missing.map(([path, name]) => `${name} (${path})`).join(', ');
  const fix = 'run packages/vscode-ext/scripts/install-code-server.sh (and apt-get install chromium)';
  if (ci) {
    console.error(`e2e: missing ${what}; ${fix}`);
    process.exit(1);
  }
  console.warn(`e2e: SKIPPED, missing ${what}; ${fix}`);
  process.exit(0);
}
if (!existsSync(new URL('../dist/extension.cjs', import.meta.url))) {
  console.error('e2e: dist/extension.cjs is missing; run the build first');
  process.exit(1);
}
const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CT_E2E_NODE: node, CT_E2E_CODE_SERVER: codeServer, CT_E2E_CHROMIUM: chromium },
});
process.exit(result.status ?? 1);
