import { describe, expect, it } from 'vitest';
import { age, countdown } from './format';

describe('waiting times', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('reads in minutes, hours, then days', () => {
    expect(age('2026-12-07T11:58:30Z', now)).toBe('1 min');
    expect(age('2026-12-07T09:40:00Z', now)).toBe('2 h 20 min');
    expect(age('2026-12-04T08:00:00Z', now)).toBe('3 d 4 h');
  });
  it('counts down to a deadline and past it', () => {
    expect(countdown('2026-12-07T12:42:00Z', now)).toBe('in 42 min');
    expect(countdown('2026-12-07T11:55:00Z', now)).toBe('5 min overdue');
  });
});
