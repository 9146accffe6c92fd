import { describe, expect, it } from 'vitest';
import {
  identifyLanguage,
  isCovered,
  letterCounts,
  MIN_LETTERS,
  plainlyEnglish,
  textForIdentification,
  type LanguagePrediction,
  type PredictLanguages,
} from './language-gate';

/** A predictor that answers fixed guesses and records what it was asked. */
function answering(guesses: LanguagePrediction[]): PredictLanguages & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    (text: string) => {
      asked.push(text);
      return guesses;
    },
    { asked },
  );
}

describe('textForIdentification', () => {
  it('drops links, mentions, hashtags, entities, placeholders, digits and emoji', () => {
    expect(
      textForIdentification(
        'RT @user: les migrants &amp; la mer 🔥 #migrants https://t.co/x 2024 @url',
      ),
    ).toBe(': les migrants la mer');
  });

  it('turns styled letters into plain ones', () => {
    expect(textForIdentification('𝐑𝐞𝐯𝐢𝐯𝐢𝐧𝐠 the lexicon')).toBe('Reviving the lexicon');
  });
});

describe('letterCounts', () => {
  it('counts Latin letters (with accents) apart from other scripts', () => {
    expect(letterCounts('Déjà vu')).toEqual({ latin: 6, other: 0 });
    expect(letterCounts('Все иммигранты')).toEqual({ latin: 0, other: 13 });
    expect(letterCounts('это ok')).toEqual({ latin: 2, other: 3 });
  });
});

describe('plainlyEnglish', () => {
  it('needs three English function words making up a tenth of the words', () => {
    expect(plainlyEnglish('the bridge and the road will close for maintenance')).toBe(true);
    expect(plainlyEnglish('the bridge will close')).toBe(false);
    // Words English shares with Dutch or German do not count.
    expect(plainlyEnglish('Dit is was die will of for')).toBe(false);
  });
});

describe('identifyLanguage', () => {
  const covered = ['en'] as const;

  it('says "und" for a short Latin-script text without asking the identifier', () => {
    const predict = answering([{ language: 'de', probability: 0.99 }]);
    expect(identifyLanguage('kill them', predict, covered)).toBe('und');
    expect(identifyLanguage('🔥🔥 12345 !!!', predict, covered)).toBe('und');
    expect('killthemall'.length).toBeLessThan(MIN_LETTERS);
    expect(predict.asked).toEqual([]);
  });

  it('takes plainly English text as English without asking the identifier', () => {
    const predict = answering([{ language: 'de', probability: 0.99 }]);
    expect(
      identifyLanguage('They said that the people from there should go home', predict, covered),
    ).toBe('en');
    expect(predict.asked).toEqual([]);
  });

  it('names another language only when it is confident and English is improbable', () => {
    const text = 'Alle Einwanderer sollten gehen';
    expect(identifyLanguage(text, answering([{ language: 'de', probability: 0.9 }]), covered)).toBe(
      'de',
    );
    expect(identifyLanguage(text, answering([{ language: 'de', probability: 0.4 }]), covered)).toBe(
      'und',
    );
    expect(
      identifyLanguage(
        text,
        answering([
          { language: 'de', probability: 0.8 },
          { language: 'en', probability: 0.1 },
        ]),
        covered,
      ),
    ).toBe('und');
    expect(identifyLanguage(text, answering([{ language: 'en', probability: 0.3 }]), covered)).toBe(
      'en',
    );
  });

  it('adds up close languages that split the probability (Danish and Norwegian)', () => {
    const predict = answering([
      { language: 'da', probability: 0.35 },
      { language: 'no', probability: 0.3 },
      { language: 'en', probability: 0.01 },
    ]);
    expect(identifyLanguage('Alle mennesker er født frie og lige', predict, covered)).toBe('da');
  });

  it('never says a covered language for a text in another script, however short', () => {
    const predict = answering([
      { language: 'en', probability: 0.6 },
      { language: 'ru', probability: 0.3 },
    ]);
    expect(identifyLanguage('сдохни', predict, covered)).toBe('ru');
    expect(predict.asked).toEqual(['сдохни']);
  });

  it('asks with the cleaned text', () => {
    const predict = answering([{ language: 'fr', probability: 0.95 }]);
    identifyLanguage('@user les migrants traversent la mer https://t.co/x', predict, covered);
    expect(predict.asked).toEqual(['les migrants traversent la mer']);
  });
});

describe('isCovered', () => {
  it('reads covered languages and undetermined ones', () => {
    expect(isCovered('en', ['en'])).toBe(true);
    expect(isCovered('und', ['en'])).toBe(true);
    expect(isCovered('de', ['en'])).toBe(false);
  });
});
