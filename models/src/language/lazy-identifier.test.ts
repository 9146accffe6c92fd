import { describe, expect, it } from 'vitest';
import { readLanguageFiles } from './language-files-node';
import { LazyLanguageIdentifier } from './lazy-identifier';

describe('LazyLanguageIdentifier', () => {
  it('does not start fastText for plainly English or short texts', async () => {
    const lazy = new LazyLanguageIdentifier(readLanguageFiles());
    const languages = await lazy.identify(
      ['The bridge will close for maintenance from Monday to Friday, the council said.', 'ok 👍'],
      ['en'],
    );
    expect(languages).toEqual(['en', 'und']);
    expect(lazy.started).toBe(false);
  });

  it('starts it for the first text that needs it and tells the language', async () => {
    const lazy = new LazyLanguageIdentifier(readLanguageFiles());
    const languages = await lazy.identify(
      [
        'The library opens at nine every morning and closes at six.',
        'Привет, как дела? Сегодня хорошая погода.',
        'Die Brücke wird von Montag bis Freitag wegen Bauarbeiten gesperrt.',
      ],
      ['en'],
    );
    expect(languages).toEqual(['en', 'ru', 'de']);
    expect(lazy.started).toBe(true);
    await lazy.dispose();
    expect(lazy.started).toBe(false);
  });
});
