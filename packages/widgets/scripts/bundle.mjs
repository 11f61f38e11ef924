// Builds dist/ct-widgets.js: every tag, with lit, uplot (CSS inlined) and core inside, for a single
// <script type="module">. Bundles the tsc output, so decorators are already lowered.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/index.js'],
  outfile: 'dist/ct-widgets.js',
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
