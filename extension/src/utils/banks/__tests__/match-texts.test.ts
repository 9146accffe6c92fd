import { textSignal } from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_BANK_COPY, type BankCopy } from '../bank-copy';
import { matchTexts } from '../match-texts';

const BANKED =
  'Join the fighters of the northern front now, every brother is needed to strike the enemy before winter comes';
const EDITED =
  'Join the fighters of the northern front today, every brother is needed to strike the enemy before winter comes #share';
const label = { category: 'terrorist_content', source: 'decision d1' };
const copyWith = (...signals: { bank: string; negative: boolean; text: string }[]): BankCopy => ({
  ...EMPTY_BANK_COPY,
  signals: signals.map((s) => ({
    bank: s.bank,
    negative: s.negative,
    type: 'text',
    value: textSignal(s.text)!,
    label,
  })),
});

describe('matchTexts', () => {
  it('matches a slightly edited banked text with its distance, and not an unrelated one', () => {
    const copy = copyWith({ bank: 'counterweight', negative: false, text: BANKED });
    const [edited, unrelated, short] = matchTexts(
      [EDITED, 'The weather in the valley was mild all week and the harvest went well', 'Join now'],
      copy,
    );
    expect(edited).toMatchObject({ bank: 'counterweight', label });
    expect(edited!.distance).toBeGreaterThan(0);
    expect(edited!.distance).toBeLessThanOrEqual(24);
    expect(unrelated).toBeNull();
    expect(short).toBeNull();
  });

  it('a negative bank holding the text suppresses the match', () => {
    const copy = copyWith(
      { bank: 'counterweight', negative: false, text: BANKED },
      { bank: 'news-archive', negative: true, text: BANKED },
    );
    expect(matchTexts([EDITED], copy)).toEqual([null]);
  });

  it('ignores the copy’s image hashes', () => {
    const copy: BankCopy = {
      ...EMPTY_BANK_COPY,
      signals: [{ bank: 'b', negative: false, type: 'pdq', value: '0'.repeat(64), label }],
    };
    expect(matchTexts([EDITED], copy)).toEqual([null]);
  });
});
