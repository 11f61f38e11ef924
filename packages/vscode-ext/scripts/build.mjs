// Bundles the extension into one CommonJS file (vscode external) and copies the webview assets.
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const production = process.env.NODE_ENV !== 'development';

await rm(dist, { recursive: true, force: true });
// "Export All Devices" is its own bundle, loaded on first use: its Parquet writer (hyparquet-writer,
// ~50 kB) would otherwise weigh on every activation.
// So is the results view's Parquet export, with the same writer.
const APART = [
  { filter: /[\\/]fleet[\\/]export-all-devices\.js$/, path: './fleet-export.cjs' },
  { filter: /[\\/]results[\\/]parquet-export\.js$/, path: './parquet-export.cjs' },
];
const fleetExportApart = {
  name: 'lazy-bundles-apart',
  setup(b) {
    for (const { filter, path } of APART) b.onResolve({ filter }, () => ({ path, external: true }));
  },
};
const extensionHost = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...extensionHost,
  entryPoints: [join(root, 'src/fleet/export-all-devices.ts')],
  outfile: join(dist, 'fleet-export.cjs'),
});
await build({
  ...extensionHost,
  entryPoints: [join(root, 'src/results/parquet-export.ts')],
  outfile: join(dist, 'parquet-export.cjs'),
});
await build({
  ...extensionHost,
  entryPoints: [join(root, 'src/extension.ts')],
  plugins: [fleetExportApart],
  outfile: join(dist, 'extension.cjs'),
});

// The webview pages' own scripts: typed modules, bundled for the browser (core's createSeries and
// the results grid inside), one file each beside ct-widgets.js.
for (const page of ['measurements-page', 'results-page']) {
  await build({
    entryPoints: [join(root, `src/webview/${page}.ts`)],
    outfile: join(dist, 'webview', `${page}.js`),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

// The widgets bundle is built by @carbontrack/widgets; without it the panel still shows the data status.
await mkdir(join(dist, 'webview'), { recursive: true });
const require = createRequire(import.meta.url);
let widgets;
try {
  widgets = join(dirname(require.resolve('@carbontrack/widgets/package.json')), 'dist', 'ct-widgets.js');
  await stat(widgets);
  await copyFile(widgets, join(dist, 'webview', 'ct-widgets.js'));
  // The bundle is code-split: it imports ./chunks/* relative to its own URL.
  const chunks = join(dirname(widgets), 'chunks');
  if (existsSync(chunks)) await cp(chunks, join(dist, 'webview', 'chunks'), { recursive: true });
  console.log(`copied ct-widgets.js${existsSync(chunks) ? ' and its chunks' : ''} into dist/webview`);
} catch {
  console.warn(`warning: ${widgets ?? '@carbontrack/widgets'} not found; the measurements panel will have no chart`);
}
const { size } = await stat(join(dist, 'extension.cjs'));
console.log(`dist/extension.cjs: ${(size / 1024).toFixed(1)} kB`);
