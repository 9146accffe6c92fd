import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLanguageFiles } from './language-files-node';
import { LanguageIdentifier } from './language-identifier';
import { LazyLanguageIdentifier } from './lazy-identifier';

let identifier: LanguageIdentifier;
beforeAll(async () => {
  identifier = await LanguageIdentifier.create(readLanguageFiles());
});
afterAll(() => identifier.dispose());

// Real sentences (UDHR article 1 and everyday posts), not the team's templates.
const SENTENCES: [string, string][] = [
  ['en', 'All human beings are born free and equal in dignity and rights.'],
  ['de', 'Alle Menschen sind frei und gleich an Würde und Rechten geboren.'],
  ['fr', 'Tous les êtres humains naissent libres et égaux en dignité et en droits.'],
  ['es', 'Todos los seres humanos nacen libres e iguales en dignidad y derechos.'],
  ['ru', 'Все люди рождаются свободными и равными в своем достоинстве и правах.'],
  ['ar', 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق.'],
  ['pl', 'Wszyscy ludzie rodzą się wolni i równi pod względem swej godności i swych praw.'],
  ['tr', 'Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar.'],
];

describe('LanguageIdentifier (fastText lid.176)', () => {
  it('predicts the language of real sentences, most probable first', () => {
    for (const [language, text] of SENTENCES) {
      const [top, second] = identifier.predict(text, 2);
      expect(top!.language, text).toBe(language);
      expect(top!.probability).toBeGreaterThan(second!.probability);
    }
  });

  it('tells each text in a batch under the gate, for the covered languages', async () => {
    const texts = [
      ...SENTENCES.map(([, text]) => text),
      '@user lol u r such a clown smh https://t.co/abc',
      '🔥🔥🔥',
      'ok',
    ];
    const lazy = new LazyLanguageIdentifier(readLanguageFiles());
    expect(await lazy.identify(texts, ['en'])).toEqual([
      ...SENTENCES.map(([language]) => language),
      'en',
      'und',
      'und',
    ]);
    await lazy.dispose();
  });

  it('maps the model’s Wikipedia codes to ISO 639-3', () => {
    const guesses = identifier.predict(
      'Dr Hund isch uf em Wäg gsi und het dr ganz Tag im Garte gschlafe',
      5,
    );
    expect(guesses.map((g) => g.language)).not.toContain('als');
  });
});
