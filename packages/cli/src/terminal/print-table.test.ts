import { expect, it } from 'vitest';
import { cellText } from './print-table.js';

it('shows control characters of API text as \\u escapes, so a name cannot drive the terminal', () => {
  expect(cellText('Smith\u001b[2J\u001b]0;pwned\u0007')).toBe('Smith\\u001b[2J\\u001b]0;pwned\\u0007');
  expect(cellText('line\nbreak\u009b')).toBe('line\\u000abreak\\u009b');
  expect(cellText('Ōtautahi <b>')).toBe('Ōtautahi <b>');
  expect(cellText(null)).toBe('');
  expect(cellText(12.5)).toBe('12.5');
});
