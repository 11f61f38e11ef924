import { expect, it } from 'vitest';
import { redact } from './redact.js';

it('removes every occurrence of every secret', () => {
  expect(redact('token abc123 and abc123 again, pw hunter2', ['abc123', 'hunter2', undefined])).toBe(
    'token [redacted] and [redacted] again, pw [redacted]',
  );
  expect(redact('nothing here', ['secret'])).toBe('nothing here');
});
