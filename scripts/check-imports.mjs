// The import direction of the monorepo (ARCHITECTURE.md), checked over every source, script and
// test file: which package may import which, that runtime code never reaches the simulator, that
// core's client never reaches its proxy, and that no file reaches into another package by a
// relative path. `--self-test` first checks that planted violations are caught.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Workspace packages, by folder, and the @carbontrack packages each may import. */
export const LAYERS = {
  'packages/api': { name: '@carbontrack/api', may: [] },
  'packages/core': { name: '@carbontrack/core', may: ['@carbontrack/api'] },
  'packages/simulator': { name: '@carbontrack/simulator', may: ['@carbontrack/api'] },
  'packages/proxy': { name: '@carbontrack/proxy', may: ['@carbontrack/core'] },
  'packages/export': { name: '@carbontrack/export', may: ['@carbontrack/core'] },
  'packages/cli': {
    name: '@carbontrack/cli',
    may: ['@carbontrack/core', '@carbontrack/export', '@carbontrack/api', '@carbontrack/simulator'],
  },
  'packages/widgets': { name: '@carbontrack/widgets', may: ['@carbontrack/core'] },
  'packages/react': { name: '@carbontrack/react', may: ['@carbontrack/widgets'] },
  'examples/react': { name: '@carbontrack/example-react', may: ['@carbontrack/react'] },
  'examples/vue': { name: '@carbontrack/example-vue', may: ['@carbontrack/widgets'] },
  'examples/e2e': { name: '@carbontrack/examples-e2e', may: [] },
  'packages/vscode-ext': {
    name: 'carbontrack',
    may: ['@carbontrack/core', '@carbontrack/widgets', '@carbontrack/export', '@carbontrack/simulator'],
  },
  'packages/test-support': { name: '@carbontrack/test-support', may: [] },
  'apps/playground': {
    name: '@carbontrack/playground',
    may: ['@carbontrack/core', '@carbontrack/widgets', '@carbontrack/simulator', '@carbontrack/proxy'],
  },
};

/** Test-only edges: the simulator is every package's test double, test-support launches Chromium, the widgets' e2e hosts pages behind the proxy. */
const TEST_MAY = [
  '@carbontrack/simulator',
  '@carbontrack/core',
  '@carbontrack/api',
  '@carbontrack/test-support',
  '@carbontrack/proxy',
];

/** Runtime files that may start the simulator: the local-simulator command, the playground server and ct's. */
const SIMULATOR_HOSTS = [
  'packages/vscode-ext/src/connections/local-simulator.ts',
  'apps/playground/scripts/',
  // ct without an account talks to its built-in simulator; `ct simulator` serves one.
  'packages/cli/src/connection/open-connection.ts',
  'packages/cli/src/commands/simulator-command.ts',
];

/** Known crossings waiting for their fix, each with the reason; the check fails on any other. */
const KNOWN = [];

// @carbontrack/test-support is test code through and through: only tests import it.
const isTest = (file) =>
  /^packages\/test-support\/|(^|\/)test\/|\.test\.ts$|\.e2e\.(test\.)?ts$|\.bench\.ts$|\/bench\/|vitest(\.\w+)?\.config\.ts$/.test(
    file,
  );

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    if (['node_modules', 'dist', 'generated', '.turbo', 'test-artifacts'].includes(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|mts|mjs|js)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

const IMPORT =
  /(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** The problems of one file (`file` relative to the repository root, with forward slashes). */
export function checkFile(file, text) {
  const layer = Object.keys(LAYERS).find((dir) => file.startsWith(`${dir}/`));
  if (!layer) return [];
  const problems = [];
  const test = isTest(file);
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    const pkg = /^(@carbontrack\/[^/]+)/.exec(spec)?.[1];
    if (pkg) {
      const own = LAYERS[layer].name;
      const allowed = pkg === own || LAYERS[layer].may.includes(pkg) || (test && TEST_MAY.includes(pkg));
      if (!allowed) problems.push(`${file}: ${layer} may not import ${spec}`);
      if (pkg === '@carbontrack/simulator' && !test && !SIMULATOR_HOSTS.some((host) => file.startsWith(host))) {
        problems.push(`${file}: runtime code may not import the simulator (${spec})`);
      }
      if (!test && layer === 'packages/widgets' && pkg === '@carbontrack/proxy') {
        problems.push(`${file}: the widgets run in browsers and may not import the proxy (${spec})`);
      }
      continue;
    }
    if (!spec.startsWith('.')) continue;
    const target = relative(root, resolve(root, file, '..', spec))
      .split(sep)
      .join('/');
    const targetLayer = Object.keys(LAYERS).find((dir) => target.startsWith(`${dir}/`));
    if (targetLayer && targetLayer !== layer) {
      if (KNOWN.some((k) => k.file === file && k.target === target)) continue;
      problems.push(`${file}: reaches into ${targetLayer} by a relative path (${spec})`);
    }
    if (
      layer === 'packages/core' &&
      file.startsWith('packages/core/src/') &&
      !file.startsWith('packages/core/src/proxy/') &&
      target.startsWith('packages/core/src/proxy/')
    ) {
      problems.push(`${file}: core's client may not import its proxy (${spec})`);
    }
  }
  return problems;
}

function selfTest() {
  const planted = [
    ['packages/widgets/src/x/x.component.ts', "import { listen } from '@carbontrack/simulator';"],
    ['packages/widgets/src/x/x.ts', "import { createProxyHandler } from '@carbontrack/proxy';"],
    ['packages/core/src/live/x.ts', "import { createProxyHandler } from '@carbontrack/proxy';"],
    ['packages/core/src/client/x.ts', "import { createProxyHandler } from '../proxy/create-proxy-handler.js';"],
    ['packages/core/src/x.ts', "import '@carbontrack/widgets';"],
    ['packages/simulator/src/x.ts', "const c = await import('@carbontrack/core');"],
    ['packages/api/src/x.ts', "import { createCarbonTrackClient } from '@carbontrack/core';"],
    ['packages/simulator/test/x.test.ts', "import { OpenApiValidator } from '../../core/test/openapi-validator.js';"],
    ['packages/widgets/src/x/y.ts', "export { a } from '../../../core/src/index.js';"],
    ['packages/vscode-ext/src/x.ts', "import { listen } from '@carbontrack/simulator';"],
  ];
  const missed = planted.filter(([file, text]) => checkFile(file, text).length === 0);
  const fine = [
    ['packages/widgets/src/x/x.test.ts', "import { listen } from '@carbontrack/simulator';"],
    ['packages/widgets/src/x/x.ts', "import { seriesResource } from '@carbontrack/core/live';"],
    ['packages/core/src/proxy/x.ts', "import { redact } from '../errors/redact.js';"],
  ];
  const flagged = fine.filter(([file, text]) => checkFile(file, text).length > 0);
  if (missed.length > 0 || flagged.length > 0) {
    console.error('check-imports self-test failed:', { missed, flagged });
    process.exit(1);
  }
}

if (process.argv.includes('--self-test')) selfTest();
const problems = [];
for (const dir of Object.keys(LAYERS)) {
  for (const path of sourceFiles(join(root, dir))) {
    const file = relative(root, path).split(sep).join('/');
    problems.push(...checkFile(file, readFileSync(path, 'utf8')));
  }
}
if (problems.length > 0) {
  console.error(`Import direction (see ARCHITECTURE.md):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`check-imports: ${Object.keys(LAYERS).length} packages, import direction as in ARCHITECTURE.md`);
