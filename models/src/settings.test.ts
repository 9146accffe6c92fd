import { describe, expect, it } from 'vitest';
import { numberSetting } from './settings';

describe('numberSetting', () => {
  it('reads a number, or falls back when unset or empty', () => {
    expect(numberSetting('EPOCHS', 7, { EPOCHS: '10' })).toBe(10);
    expect(numberSetting('WORD_DROPOUT', 0.05, { WORD_DROPOUT: '0.1' })).toBe(0.1);
    expect(numberSetting('EPOCHS', 7, {})).toBe(7);
    expect(numberSetting('EPOCHS', 7, { EPOCHS: '' })).toBe(7);
  });
  it('refuses a value that is not a finite number, naming the variable', () => {
    expect(() => numberSetting('EPOCHS', 7, { EPOCHS: 'seven' })).toThrow(
      'EPOCHS must be a number, got "seven"',
    );
    expect(() => numberSetting('SEED', 1, { SEED: 'Infinity' })).toThrow('SEED');
  });
});
