/**
 * Text normalisation and tokenisation for the on-device classifier. Training (models/) and
 * inference (models/ in Node, the extension in the browser) import this one module, so both
 * compute exactly the same tokens. Pure functions, no dependencies.
 */

/** Bumped whenever the output of {@link tokenize} changes for some input. */
export const TEXT_NORMALISER_VERSION = 1;

/** A token: `norm` is what the model sees, `surface` is the text as written (for evidence). */
export interface Token {
  norm: string;
  surface: string;
}

export const URL_TOKEN = 'xxurl';
export const USER_TOKEN = 'xxuser';

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;
const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
// Latin look-alikes from Cyrillic and Greek that NFKC leaves alone.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  τ: 't',
  υ: 'u',
  ρ: 'p',
};
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '€': 'e',
};
const ASCII = /^[\x00-\x7f]*$/;
const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;

// Whitespace other than single spaces (the only whitespace a normalised text keeps).
const EXTRA_SPACE = /[^\S ]| {2}/;

/** Whether some character occurs three times in a row (a plain loop: the regex was a hot spot). */
function hasTripleRun(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) return true;
  }
  return false;
}

/**
 * Normalises raw text: Unicode NFKC, invisible characters removed, HTML entities decoded,
 * diacritics and Cyrillic/Greek look-alikes folded to Latin, lower case, typographic quotes
 * made plain, URLs and @mentions replaced by placeholder words, and runs of three or more
 * identical letters shortened to two. Idempotent.
 */
export function normaliseText(raw: string): string {
  // ASCII needs no Unicode folding (the common case, and the hot path on every page).
  let text = ASCII.test(raw) ? raw : raw.normalize('NFKC').replace(INVISIBLE, '');
  text = text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 32);
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10) || 32);
    return Object.hasOwn(HTML_ENTITIES, lower) ? HTML_ENTITIES[lower]! : entity;
  });
  text = ASCII.test(text)
    ? text.toLowerCase().replace(/`/g, "'")
    : text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .normalize('NFC')
        .toLowerCase()
        .replace(/[\u0400-\u04ff\u0370-\u03ff]/g, (ch) =>
          Object.hasOwn(HOMOGLYPHS, ch) ? HOMOGLYPHS[ch]! : ch,
        )
        .replace(QUOTES, "'")
        .replace(DOUBLE_QUOTES, '"');
  text = text
    .replace(/\b(?:https?:\/\/|www\.)\S+/g, ` ${URL_TOKEN} `)
    .replace(/(?<!\w)@[\w@]+/g, ` ${USER_TOKEN} `)
    .replace(/\brt\s+(?=xxuser)/g, ' ');
  if (hasTripleRun(text)) text = text.replace(/(\p{L})\1{2,}/gu, '$1$1');
  return (EXTRA_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

// A word may carry leetspeak symbols inside it (k1ll, $hoot, b@stard, f*ck).
const WORD =
  /[\p{L}\p{N}@$*|€!]*[\p{L}\p{N}][\p{L}\p{N}@$*|€!']*|[\p{Extended_Pictographic}]|[?"]/gu;

const PLAIN_WORD = /^[a-z]+$/;
// The same patterns for text that is plain ASCII after normalisation (most of the web): no
// Unicode property classes, which cost about half of tokenising. In ASCII, \p{L} is [a-z] once
// lower-cased, \p{N} is [0-9], and no character is an Extended_Pictographic.
const ASCII_WORD = /[a-z0-9@$*|!]*[a-z0-9][a-z0-9@$*|!']*|[?"]/g;
const DOTTED_LETTERS = /\b(\p{L})(?:[.\-_*·]\p{L}\b){2,}/gu;
const ASCII_DOTTED_LETTERS = /\b([a-z])(?:[.\-_*][a-z]\b){2,}/g;
const DOT_SEPARATORS = /[.\-_*·]/g;

// Whole words whose digit is a syllable, not a letter.
const LEET_WORDS: Record<string, string> = {
  h8: 'hate',
  h8ers: 'haters',
  h8ed: 'hated',
  gr8: 'great',
  m8: 'mate',
  l8r: 'later',
  w8: 'wait',
};

function deLeet(word: string): string {
  const whole = Object.hasOwn(LEET_WORDS, word) ? LEET_WORDS[word] : undefined;
  if (whole) return whole;
  if (!/\p{L}/u.test(word)) return word.replace(/[@$*|€!]/g, '');
  // Only inside a word with letters: "2015" stays a number, "k1ll" becomes "kill".
  let out = '';
  for (const ch of word) {
    if (ch === '*' || ch === "'") continue;
    out += Object.hasOwn(LEET, ch) ? LEET[ch]! : ch;
  }
  return out;
}

function cleanTrailing(word: string): string {
  return word.replace(/[!']+$/u, '').replace(/^'+/, '');
}

/**
 * Splits normalised text into tokens. Leetspeak inside words is undone (k1ll -> kill,
 * $hoot -> shoot), letters separated by dots, dashes or stars are joined (k.i.l.l -> kill),
 * and runs of three or more single letters separated by spaces are joined (k i l l -> kill).
 * Double quotes and question marks are kept as tokens: they mark quotation and questions.
 * Accepts raw text (it calls {@link normaliseText} itself).
 */
export function tokenize(raw: string): Token[] {
  const normalised = normaliseText(raw);
  const ascii = ASCII.test(normalised);
  const text = normalised.replace(ascii ? ASCII_DOTTED_LETTERS : DOTTED_LETTERS, (m) =>
    m.replace(DOT_SEPARATORS, ''),
  );
  const pieces: Token[] = [];
  for (const match of text.matchAll(ascii ? ASCII_WORD : WORD)) {
    if (PLAIN_WORD.test(match[0])) {
      pieces.push({ norm: match[0], surface: match[0] });
      continue;
    }
    const surface = cleanTrailing(match[0]);
    if (!surface) continue;
    const norm = deLeet(surface).replace(/'/g, '');
    if (norm) pieces.push({ norm, surface });
  }
  return joinSpacedLetters(pieces);
}

function isLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 97 ? code <= 122 : code >= 65 && code <= 90;
  return /\p{L}/u.test(ch);
}

function joinSpacedLetters(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length >= 3) {
      out.push({
        norm: run.map((t) => t.norm).join(''),
        surface: run.map((t) => t.surface).join(' '),
      });
    } else out.push(...run);
    run = [];
  };
  for (const token of tokens) {
    if (token.norm.length === 1 && isLetter(token.norm)) run.push(token);
    else {
      flush();
      out.push(token);
    }
  }
  flush();
  return out;
}
