// No zod here: the content script computes the shares (schemas: messaging/page-protocol.ts).

/** The page's text in one language the model does not read. */
export interface LanguageShare {
  /** ISO 639-1 code (639-3 where there is none). */
  language: string;
  /** Blocks of the page in that language (each occurrence counts). */
  blocks: number;
  /** Their share of the page's classified text, by characters (0 to 1). */
  share: number;
}

/** What the side panel and popup say about languages: what the model reads and what it left. */
export interface PageLanguages {
  covered: string[];
  notRead: LanguageShare[];
}

/** One distinct text of the page: its language, whether the model abstained, how often it is there. */
export interface SeenText {
  language: string;
  abstained: boolean;
  chars: number;
  occurrences: number;
}

/**
 * The languages the model did not read on a page, largest share first. The share is of all the
 * page's classified text (characters times occurrences), so a page half in Russian says 50 %.
 */
export function languageShares(texts: Iterable<SeenText>): LanguageShare[] {
  let total = 0;
  const byLanguage = new Map<string, { blocks: number; chars: number }>();
  for (const t of texts) {
    if (t.occurrences === 0) continue;
    total += t.chars * t.occurrences;
    if (!t.abstained) continue;
    const entry = byLanguage.get(t.language) ?? { blocks: 0, chars: 0 };
    entry.blocks += t.occurrences;
    entry.chars += t.chars * t.occurrences;
    byLanguage.set(t.language, entry);
  }
  return [...byLanguage]
    .map(([language, e]) => ({
      language,
      blocks: e.blocks,
      share: total > 0 ? e.chars / total : 0,
    }))
    .sort((a, b) => b.share - a.share || a.language.localeCompare(b.language));
}

/** A language's name in English ("ru" → "Russian"), or its code when the browser has no name. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const percent = (share: number) => (share < 0.01 ? 'under 1 %' : `${Math.round(share * 100)} %`);

/**
 * The plain sentence for a page with blocks the model did not read, or null when it read them all:
 * "12 blocks in Russian (40 % of the page) and 1 block in German (2 %) were not checked: the
 * model covers English."
 */
export function languageNotice(languages: PageLanguages): string | null {
  if (languages.notRead.length === 0) return null;
  const parts = languages.notRead.map(
    (l, i) =>
      `${l.blocks} ${l.blocks === 1 ? 'block' : 'blocks'} in ${languageName(l.language)} (${percent(l.share)}${i === 0 ? ' of the page' : ''})`,
  );
  const covered = list(languages.covered.map(languageName));
  return `${list(parts)} ${languages.notRead.reduce((n, l) => n + l.blocks, 0) === 1 ? 'was' : 'were'} not checked: the model covers ${covered || 'no language'}.`;
}
