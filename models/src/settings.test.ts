import { describe, expect, it } from 'vitest';
import { numberSetting } from './settings';

describe('numberSetting', () => {
  it('reads a number, or falls back when unset or empty', () => {
    expect(numberSetting('EPOCHS', 7, { env: { EPOCHS: '10' } })).toBe(10);
    expect(numberSetting('WORD_DROPOUT', 0.05, { env: { WORD_DROPOUT: '0.1' } })).toBe(0.1);
    expect(numberSetting('EPOCHS', 7, { env: {} })).toBe(7);
    expect(numberSetting('EPOCHS', 7, { env: { EPOCHS: '' } })).toBe(7);
  });
  it('refuses a value that is not a finite number, naming the variable', () => {
    expect(() => numberSetting('EPOCHS', 7, { env: { EPOCHS: 'seven' } })).toThrow(
      'EPOCHS must be a number, got "seven"',
    );
    expect(() => numberSetting('SEED', 1, { env: { SEED: 'Infinity' } })).toThrow('SEED');
  });
  it('refuses a value below the minimum, naming the variable and the bound', () => {
    expect(() =>
      numberSetting('PAIRS_PER_BATCH', 8, { min: 0, env: { PAIRS_PER_BATCH: '-1' } }),
    ).toThrow('PAIRS_PER_BATCH must be at least 0, got -1');
    expect(numberSetting('PAIRS_PER_BATCH', 8, { min: 0, env: { PAIRS_PER_BATCH: '0' } })).toBe(0);
  });
});
