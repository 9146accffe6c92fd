import { UNDETERMINED_LANGUAGE, type TextLanguage } from '@counterweight/shared/classifier';

/** One guess of the identifier: a language code and its probability. */
export interface LanguagePrediction {
  language: TextLanguage;
  probability: number;
}

/** The identifier's top `k` guesses for a cleaned text, most probable first. */
export type PredictLanguages = (text: string, k: number) => LanguagePrediction[];

/**
 * Fewer letters than this in a Latin-script text and the language is not told ("und"): on real
 * English tweets of two or three words the identifier guesses another language one time in ten.
 */
export const MIN_LETTERS = 12;
/**
 * The uncovered languages among the top three guesses must be at least this probable together
 * for a text to be said to be in the top one.
 */
export const MIN_CONFIDENCE = 0.5;
/** ...and the covered languages together at most this probable (else "und", and it is scored). */
export const MAX_COVERED_PROBABILITY = 0.05;
/** Only the start of a long text is read (the cost grows with the length). */
export const MAX_IDENTIFIED_CHARS = 300;

const MARKUP = /&#?\w+;|(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_]+/gu; // entities, links, mentions, hashtags
const PLACEHOLDERS = /\b(?:RT|rt|URL|url|USER|user)\b/g; // of tweet datasets
// Placeholders, digits, symbols and line breaks in one pass (the fast path for ASCII text).
const ASCII_NOISE = /\b(?:RT|rt|URL|url|USER|user)\b|[^A-Za-z' .,!?;:-]+/g;
const SYMBOLS = /[^\p{L}\p{M}'’\s.,!?;:-]+/gu; // digits, emoji, symbols
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * The part of a text that tells its language: compatibility-normalised (styled letters such as
 * 𝐑𝐞𝐯𝐢𝐯𝐢𝐧𝐠 become plain), without HTML entities, links, mentions, hashtags, the placeholders of
 * tweet datasets (RT, @user, url), digits, emoji and symbols; at most
 * {@link MAX_IDENTIFIED_CHARS} characters. ASCII text takes a faster path with the same result.
 */
export function textForIdentification(text: string): string {
  let t = text.slice(0, MAX_IDENTIFIED_CHARS * 2);
  const ascii = !NOT_ASCII.test(t);
  if (!ascii) t = t.normalize('NFKC');
  if (/[&@#]|http|www\./.test(t)) t = t.replace(MARKUP, ' ');
  t = ascii ? t.replace(ASCII_NOISE, ' ') : t.replace(PLACEHOLDERS, ' ').replace(SYMBOLS, ' ');
  return t
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, MAX_IDENTIFIED_CHARS);
}

/**
 * Letters of the Latin script and letters (or marks) of every other script in a text cleaned by
 * {@link textForIdentification}, which leaves only letters, marks, spaces and a little
 * punctuation. A loop over char codes: a regular expression per script costs more than the
 * identifier's own call.
 */
export function letterCounts(text: string): { latin: number; other: number } {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    } else if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00) || (c >= 0x300 && c < 0x370)) latin++;
    else if (c !== 0x2019 && c !== 0x2013 && c !== 0x2014) other++;
  }
  return { latin, other };
}

/**
 * English words that are not also common words of another language written in Latin script
 * ("is", "was", "die", "will", "of", "for", "her", "me", "my" are left out: they are words of
 * Dutch, German, Scandinavian, Spanish or Polish too).
 */
const ENGLISH_WORDS = new RegExp(
  `(?:^|[ .,!?;:-])(?:${(
    'the and that this with you they have are were would which what there their from been ' +
    "should could about into because these those your them when who it's don't i'm can't " +
    'we our she his him like'
  )
    .split(' ')
    .join('|')})(?=$|[ .,!?;:-])`,
  'g',
);

/**
 * Whether a cleaned Latin-script text is plainly English: at least three English function words
 * making up at least a tenth of its words. Plain English prose passes without the identifier's
 * call (most of a page's cost); anything else goes to the identifier.
 */
export function plainlyEnglish(text: string): boolean {
  const lower = text.toLowerCase();
  const hits = (lower.includes('’') ? lower.replace(/’/g, "'") : lower).match(ENGLISH_WORDS);
  if (!hits || hits.length < 3) return false;
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x20) words++;
  return hits.length * 10 >= words;
}

/**
 * The language of a text, or "und" when it cannot be told with confidence. `covered` are the
 * languages the model reads (metadata.json `languages`). The rule, measured on real text (see
 * models/README.md, "Language"):
 * - a text written mostly in another script than Latin (Cyrillic, Arabic, CJK…) is in the
 *   identifier's most probable language outside `covered` (two such letters suffice: no covered
 *   language is written in them while the model covers only English);
 * - a Latin-script text with fewer than {@link MIN_LETTERS} letters, or with no letters (numbers,
 *   emoji), is "und";
 * - a Latin-script text that is plainly English ({@link plainlyEnglish}) is "en" when English is
 *   covered, without asking the identifier;
 * - otherwise the top guess when it is a covered language; another language only when the
 *   uncovered ones among the top three are at least {@link MIN_CONFIDENCE} probable together and
 *   the covered ones under
 *   {@link MAX_COVERED_PROBABILITY}; else "und".
 * A caller scores "und" texts as covered: a short or ambiguous text is read rather than skipped.
 */
export function identifyLanguage(
  text: string,
  predict: PredictLanguages,
  covered: readonly TextLanguage[],
): TextLanguage {
  const cleaned = textForIdentification(text);
  const { latin, other } = letterCounts(cleaned);
  if (other >= 2 && other > latin) {
    const guess = predict(cleaned, 3).find((p) => !covered.includes(p.language));
    return guess?.language ?? UNDETERMINED_LANGUAGE;
  }
  if (latin + other < MIN_LETTERS) return UNDETERMINED_LANGUAGE;
  if (covered.includes('en') && plainlyEnglish(cleaned)) return 'en';
  const guesses = predict(cleaned, 3);
  const top = guesses[0];
  if (!top) return UNDETERMINED_LANGUAGE;
  if (covered.includes(top.language)) return top.language;
  // Close languages split the probability (Danish, Norwegian Bokmål and Nynorsk): what counts is
  // how probable it is that the text is in no covered language.
  let coveredProbability = 0;
  let otherProbability = 0;
  for (const g of guesses)
    if (covered.includes(g.language)) coveredProbability += g.probability;
    else otherProbability += g.probability;
  return otherProbability >= MIN_CONFIDENCE && coveredProbability < MAX_COVERED_PROBABILITY
    ? top.language
    : UNDETERMINED_LANGUAGE;
}

/** Whether the model reads a text in `language`: a covered language, or "und". */
export function isCovered(language: TextLanguage, covered: readonly TextLanguage[]): boolean {
  return language === UNDETERMINED_LANGUAGE || covered.includes(language);
}
