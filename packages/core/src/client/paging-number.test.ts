import { expect, it } from 'vitest';
import { pagingNumber } from './paging-number.js';

it('reads paging numbers, also sent as strings, and nothing else', () => {
  expect(pagingNumber(3)).toBe(3);
  expect(pagingNumber('3')).toBe(3);
  expect(pagingNumber(' 3 ')).toBe(3);
  expect(pagingNumber(2.5)).toBeUndefined();
  expect(pagingNumber(-1)).toBeUndefined();
  expect(pagingNumber('-1')).toBeUndefined();
  expect(pagingNumber('2x')).toBeUndefined();
  expect(pagingNumber('1e9')).toBeUndefined();
  expect(pagingNumber(null)).toBeUndefined();
});
