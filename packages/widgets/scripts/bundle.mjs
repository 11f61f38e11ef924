// Builds dist/ct-widgets.js: every tag, with lit and core inside, for a single <script type="module">.
// Bundles the tsc output, so decorators are already lowered. What is loaded on demand goes to
// dist/chunks/, next to it, resolved relative to the script's own URL: uPlot (when a chart first
// draws), the energy maths and views (summaries, energy bars), the power-flow diagram (when one
// first renders) and the coordinates-to-time-zone table (only when no time-zone is set).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { minify } from 'terser';

// CSS in Lit's css`` templates, whitespace and comments collapsed (esbuild leaves template text as is).
const minifyCss = {
  name: 'minify-lit-css',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.styles\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/\bcss ?`([^`$]*)`/g, (_m, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          // "color: red" → "color:red"; a space before a colon is a selector's and stays.
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return { contents, loader: 'js' };
    });
  },
};

const DOM_FREE_GLOBALS =
  'var HTMLElement=globalThis.HTMLElement??class{},document=globalThis.document??{createTreeWalker:()=>({})};';

// Chunks of earlier builds would otherwise pile up (and ship in the VS Code extension).
await rm('dist/chunks', { recursive: true, force: true });

const result = await build({
  metafile: true,
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
  plugins: [minifyCss],
  // Without a DOM (Node, for server-side rendering) the names the modules touch while they load
  // are inert stand-ins, module-scoped (nothing global is defined), so importing throws nothing.
  banner: { js: DOM_FREE_GLOBALS },
});

// esbuild bundles and splits; terser then compresses each output again (two passes, module scope):
// about 2.5 kB gzip less for a page with a chart than esbuild's minifier alone.
for (const file of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const code = await readFile(file, 'utf8');
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== 'string') throw new Error(`terser produced nothing for ${file}`);
  await writeFile(file, out.code);
}

// Which output imports which, statically or on demand: scripts/size-budget.mjs adds up what each
// kind of page loads from it.
const graph = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [
      file.replace(/^dist\//, ''),
      output.imports.map((i) => ({ path: i.path.replace(/^dist\//, ''), kind: i.kind })),
    ]),
);
await writeFile('dist/bundle-graph.json', `${JSON.stringify(graph, null, 2)}\n`);
