// Builds dist/ct-widgets.js: every tag, with lit, uplot (CSS inlined) and core inside, for a single
// <script type="module">. Bundles the tsc output, so decorators are already lowered. What is loaded
// on demand (the coordinates-to-time-zone table, only fetched when no time-zone is set) goes to
// dist/chunks/, next to it, resolved relative to the script's own URL.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outdir: 'dist',
  entryNames: 'ct-widgets',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  platform: 'browser',
  legalComments: 'none',
  sourcemap: false,
  // Lit's production build, not its dev mode warnings.
  conditions: ['production'],
  logLevel: 'warning',
});
