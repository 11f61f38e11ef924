import { expect, it } from 'vitest';
import { readPageCount } from './read-page-count.js';

it('reads Pages wherever it stands, and only Pages', () => {
  expect(readPageCount('{"Measurements":[],"Count":0,"Pages":3,"PagesIndex":0}')).toBe(3);
  expect(readPageCount('{"Pages": 12, "Measurements":[]}')).toBe(12);
  expect(readPageCount('{"PagesIndex":2}')).toBeUndefined();
  expect(readPageCount('{"Pages":null}')).toBeUndefined();
});
