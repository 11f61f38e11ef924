import { describe, expect, it } from 'vitest';
import { shapeOf } from '../src/probe/customer-check.js';
import { classifyNumber, isDotnetForm } from '../src/probe/number-forms.js';
import { distribution } from '../src/probe/power-magnitude.js';
import { Redactor, shortenId } from '../src/probe/redactor.js';

describe('classifyNumber', () => {
  it.each([
    ['1,000.00', 'grouped'],
    ['1,000', 'grouped'],
    ['12.50', 'plain-2dp'],
    ['-0.50', 'plain-2dp'],
    ['0.0', 'plain-1dp'],
    ['12.345', 'plain-many-dp'],
    ['1000', 'integer'],
    ['.5', 'no-leading-zero'],
    ['-.75', 'no-leading-zero'],
    ['', 'empty'],
    ['N/A', 'other'],
    ['1,00.00', 'other'],
    [12.5, 'other'],
    [null, 'other'],
  ])('%j is %s', (value, form) => {
    expect(classifyNumber(value)).toBe(form);
  });
});

describe('isDotnetForm', () => {
  it('accepts exactly what .NET prints', () => {
    for (const value of ['', '.5', '-.75', '12', '12.5', '1000', '3450.07'])
      expect(isDotnetForm(value, '#.##')).toBe(true);
    for (const value of ['1,000', '1,234.5', '-62']) expect(isDotnetForm(value, '#,###.##')).toBe(true);
  });

  it('refuses what it never prints', () => {
    for (const value of ['0', '0.00', '0.5', '12.50', '1,000', '12.345'])
      expect(isDotnetForm(value, '#.##')).toBe(false);
    expect(isDotnetForm('1000', '#,###.##')).toBe(false);
  });
});

describe('distribution', () => {
  it('gives nearest-rank median and p95', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(distribution(values)).toEqual({ count: 100, median: 50, p95: 95, max: 100 });
    expect(distribution([])).toBeNull();
  });
});

describe('Redactor', () => {
  it('removes secrets in their encoded forms and shortens long digit runs', () => {
    const redactor = new Redactor();
    redactor.addSecret('p@ss word&1');
    expect(redactor.text('a=p%40ss%20word%261 b=p%40ss+word%261 c=p@ss word&1 id 8796541235874587')).toBe(
      'a=[redacted] b=[redacted] c=[redacted] id 8796…4587',
    );
    expect(shortenId('8796541235874587')).toBe('8796…4587');
  });

  it('scrubs keys and nested strings of a report', () => {
    const redactor = new Redactor();
    redactor.addPersonal('Olivia Nguyen');
    expect(redactor.scrub({ 'Olivia Nguyen': ['hi Olivia Nguyen', 3] })).toEqual({
      '[redacted]': ['hi [redacted]', 3],
    });
  });
});

describe('shapeOf', () => {
  it('keeps the format, not the value', () => {
    expect(shapeOf('0412 345 678')).toBe('9999 999 999');
    expect(shapeOf("Mary-Kate O'Brien")).toBe("a-a a'a");
    expect(shapeOf('1984-03-17')).toBe('9999-99-99');
    expect(shapeOf(null)).toBe('(null)');
  });
});
