// The README's column table is documentation of core's unit table: it must not drift from it.
import { readFile } from 'node:fs/promises';
import { MEASUREMENT_FIELDS } from '@carbontrack/core';
import { expect, it } from 'vitest';
import { exportLayout } from '../src/index.js';

it('lists every column of the layout in order, each field with the unit core gives it', async () => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Columns'), readme.indexOf('### Parquet'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replaceAll('`', ''))
        .slice(1, 5),
    );
  expect(rows.map(([name]) => name)).toEqual(exportLayout({ timeZone: 'UTC' }).columns.map((c) => c.name));
  for (const field of MEASUREMENT_FIELDS) {
    expect(rows.find(([name]) => name === field.name)?.slice(1)).toEqual(['DOUBLE', 'DOUBLE', field.unit || '(none)']);
  }
});
