// Writes the widgets' types for Vue templates and for JSX of other frameworks (Preact, Solid, …)
// from custom-elements.json, with well-kept generators: dist/types/vue.d.ts and
// dist/types/jsx.d.ts. Run by `build` after the manifest; generated output, never committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const options = {
  outdir: new URL('../dist/types/', import.meta.url).pathname,
  // The component classes' types, relative to dist/types/.
  globalTypePath: '../index.js',
  hideLogs: true,
};
generateVuejsTypes(manifest, { ...options, fileName: 'vue.d.ts' });
generateJsxTypes(manifest, { ...options, fileName: 'jsx.d.ts' });

// The generators import each event type once per element that fires it: a duplicate identifier
// for TypeScript. One import of each name.
for (const name of ['vue.d.ts', 'jsx.d.ts']) {
  const file = new URL(name, new URL(options.outdir, 'file:///'));
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/import type \{([^}]*)\} from "([^"]+)";/g, (_all, names, from) => {
    const unique = [
      ...new Set(
        names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      ),
    ];
    return `import type {\n  ${unique.join(',\n  ')},\n} from "${from}";`;
  });
  writeFileSync(file, fixed);
}
