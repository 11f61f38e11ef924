// Size of the bundled extension, webview assets excluded; budget 300 kB.
import { statSync } from 'node:fs';

const BUDGET = 300 * 1024;
const { size } = statSync(new URL('../dist/extension.cjs', import.meta.url));
console.log(`dist/extension.cjs: ${(size / 1024).toFixed(1)} kB (budget ${BUDGET / 1024} kB)`);
if (size > BUDGET) {
  console.error('over budget');
  process.exit(1);
}
