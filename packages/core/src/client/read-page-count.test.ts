import { expect, it } from 'vitest';
import { pagingNumber, readPageCount, readPagingField } from './read-page-count.js';

it('reads Pages wherever it stands, and only Pages', () => {
  expect(readPageCount('{"Measurements":[],"Count":0,"Pages":3,"PagesIndex":0}')).toBe(3);
  expect(readPageCount('{"Pages": 12, "Measurements":[]}')).toBe(12);
  expect(readPageCount('{"PagesIndex":2}')).toBeUndefined();
  expect(readPageCount('{"Pages":null}')).toBeUndefined();
});

it('reads a paging number sent as a string, and PagesIndex', () => {
  expect(readPageCount('{"Measurements":[],"Pages":"2"}')).toBe(2);
  expect(readPagingField('{"Measurements":[],"Pages":"2","PagesIndex":"1"}', 'PagesIndex')).toBe(1);
  expect(readPageCount('{"Pages":"2x"}')).toBeUndefined();
  expect(readPageCount('{"Pages":"-1"}')).toBeUndefined();
  expect(pagingNumber('3')).toBe(3);
  expect(pagingNumber(' 3 ')).toBe(3);
  expect(pagingNumber(2.5)).toBeUndefined();
  expect(pagingNumber('1e9')).toBeUndefined();
  expect(pagingNumber(null)).toBeUndefined();
});
