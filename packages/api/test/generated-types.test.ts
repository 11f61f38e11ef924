import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without type declarations.
import { generateTypes } from '../scripts/generate-types.mjs';

it('src/generated/carbontrack.ts is up to date with the OpenAPI description (run `pnpm generate`)', async () => {
  const committed = await readFile(new URL('../src/generated/carbontrack.ts', import.meta.url), 'utf8');
  const fresh: string = await generateTypes();
  expect(committed === fresh, 'generated types are stale: run `pnpm generate` and commit the result').toBe(true);
});
