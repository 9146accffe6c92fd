/**
 * Evaluates the shipped artifact (quantised, exactly as the extension runs it):
 *   pnpm --filter @counterweight/models evaluate
 * Criteria (real data nobody here wrote):
 * - the leave-one-dataset-out table of every recipe compared (lodo.json, from `pnpm lodo`);
 * - the seed spread of every recipe (seeds.json, from `pnpm seeds`);
 * - precision, recall, F1 (at the stored flag threshold) and ROC-AUC per label on the held-out
 *   test split of every real dataset, and on CONAN (never trained on);
 * - the false-flag rate on held-out everyday text (WordNet examples, speech sentences), and on
 *   counter-speech (CONAN counter-narratives, all English rows);
 * - the share of flags whose evidence is only identity terms;
 * - Borkan et al. bias metrics per identity group.
 * Reports only, never criteria: the project's written contrast rows and its functional suite.
 * Writes models/evaluation.json and models/EVALUATION.md and prints the Markdown.
 * Environment: ARTIFACT_DIR (another artifact), EVALUATION_DIR (where the two reports go).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClassifierResult } from '@counterweight/shared';
import {
  loadConanExamples,
  loadContrastExamples,
  loadDatasetExamples,
  loadEverydayText,
  type Example,
} from './data/corpus';
import { IDENTITY_TERMS, jigsawFinalMetric, subgroupBias, type ScoredText } from './eval/bias';
import { everydayRates } from './eval/everyday-rates';
import { functionalReport } from './eval/functional-report';
import { identityOnlyShare } from './eval/identity-evidence';
import { binaryMetrics, rocAuc, type BinaryMetrics } from './eval/metrics';
import { evaluationMarkdown } from './eval/report-markdown';
import { readSeeds } from './eval/seed-spread';
import { buildFunctionalSuite } from './functional/functional-suite';
import { LODO_FILE, type LodoRow } from './eval/lodo-table';
import { loadClassifier } from './load-node';
import { writeLanguageEvaluation } from './eval/languages';

// EVALUATION_DIR: write the reports elsewhere (to compare a candidate artifact, ARTIFACT_DIR).
const OUT_DIR = process.env.EVALUATION_DIR ?? fileURLToPath(new URL('../', import.meta.url));
const LABELS = ['hate', 'extremist'] as const;
const log = (m: string) => process.stderr.write(`[evaluate] ${m}\n`);

async function main() {
  const classifier = await loadClassifier();
  const { thresholds } = classifier.metadata;
  const classify = async (texts: string[]) => classifier.classify(texts, { evidence: false });

  const datasets = (await loadDatasetExamples()).filter((e) => e.split === 'test');
  const written = loadContrastExamples().filter((e) => e.split === 'test');
  const conan = await loadConanExamples();
  const everydayRows = loadEverydayText().filter((e) => e.split === 'test');
  log(`test rows ${datasets.length}, conan rows ${conan.length}, everyday ${everydayRows.length}`);
  const scored = new Map<Example, ClassifierResult>();
  for (const rows of [datasets, written, conan, everydayRows]) {
    const results = await classify(rows.map((r) => r.text));
    rows.forEach((r, i) => scored.set(r, results[i]!));
  }

  // Per dataset, per label (the written contrast rows as a report of their own).
  const perDataset: Record<string, Partial<Record<'hate' | 'extremist', BinaryMetrics>>> = {};
  const bySource = new Map<string, Example[]>();
  for (const e of [...datasets, ...written, ...conan.filter((c) => c.split === 'test')]) {
    const source = e.source === 'contrast' ? 'contrast (written, report only)' : e.source;
    bySource.set(source, [...(bySource.get(source) ?? []), e]);
  }
  for (const [source, rows] of bySource) {
    perDataset[source] = {};
    for (const label of LABELS) {
      const kept = rows.filter((r) => r[label] !== null);
      if (!kept.some((r) => r[label] === 1)) continue;
      perDataset[source]![label] = binaryMetrics(
        kept.map((r) => scored.get(r)!.scores[label]),
        kept.map((r) => r[label] as 0 | 1),
        thresholds[label].flag,
      );
    }
  }

  // Counter-speech: every English CONAN counter-narrative.
  const counter = conan.filter((c) => c.hate === 0);
  const counterSpeech = {
    n: counter.length,
    flagRate: counter.filter((c) => scored.get(c)!.decision === 'flag').length / counter.length,
    flagOrUncertainRate:
      counter.filter((c) => scored.get(c)!.decision !== 'clear').length / counter.length,
  };

  const everyday = everydayRates(everydayRows, scored);

  // What the popup's sensitivity does: flags among the held-out real rows at each level.
  const levels = {
    low: classifier.metadata.sensitivity?.low,
    standard: thresholds,
    high: classifier.metadata.sensitivity?.high,
  };
  const heldOut = [...datasets, ...everydayRows];
  const flagsBySensitivity = Object.fromEntries(
    Object.entries(levels).map(([level, t]) => [
      level,
      t
        ? heldOut.filter((e) => {
            const { scores } = scored.get(e)!;
            return scores.hate >= t.hate.flag || scores.extremist >= t.extremist.flag;
          }).length
        : null,
    ]),
  );

  // Evidence of the flags on real held-out text: how often is it only a group's name?
  const flagged = [...datasets, ...everydayRows, ...conan.filter((c) => c.split === 'test')]
    .filter((e) => scored.get(e)!.decision === 'flag')
    .map((e) => e.text);
  const withEvidence = await classifier.classify(flagged);
  const identityEvidence = identityOnlyShare(withEvidence.map((r) => r.evidence));

  // Bias per identity group, hate label, pooled held-out rows (datasets test split + CONAN test split).
  const pooled: ScoredText[] = [...datasets, ...conan.filter((c) => c.split === 'test')]
    .filter((e) => e.hate !== null)
    .map((e) => ({
      text: e.text.toLowerCase(),
      label: e.hate as 0 | 1,
      score: scored.get(e)!.scores.hate,
    }));
  const overallAuc =
    rocAuc(
      pooled.map((p) => p.score),
      pooled.map((p) => p.label),
    ) ?? 0;
  const bias = Object.entries(IDENTITY_TERMS).map(([group, re]) =>
    subgroupBias(group, pooled, (t) => re.test(t.text), thresholds.hate.flag),
  );
  const conanGroups = [...new Set(conan.flatMap((c) => c.groups ?? []))];
  const conanBias = conanGroups.map((group) =>
    subgroupBias(
      group,
      conan.map((c) => ({
        text: c.text,
        label: c.hate as 0 | 1,
        score: scored.get(c)!.scores.hate,
        group: c.groups?.[0],
      })) as ScoredText[],
      (t) => (t as ScoredText & { group?: string }).group === group,
      thresholds.hate.flag,
    ),
  );

  const suite = buildFunctionalSuite();
  const functional = functionalReport(suite, await classifier.classify(suite.map((s) => s.text)));
  const lodo = existsSync(LODO_FILE)
    ? (JSON.parse(readFileSync(LODO_FILE, 'utf8')) as Record<string, LodoRow[]>)
    : {};

  const report = {
    modelVersion: classifier.modelVersion,
    evaluatedAt: new Date().toISOString(),
    thresholds,
    sensitivity: classifier.metadata.sensitivity ?? null,
    leaveOneDatasetOut: lodo,
    seeds: readSeeds(),
    perDataset,
    counterSpeech,
    everyday,
    flagsBySensitivity: { rows: heldOut.length, ...flagsBySensitivity },
    identityEvidence,
    bias: {
      overallHateAuc: overallAuc,
      jigsawFinalMetric: jigsawFinalMetric(overallAuc, bias),
      identityMentions: bias,
      conanTargets: conanBias,
    },
    functional,
  };
  writeFileSync(`${OUT_DIR}/evaluation.json`, JSON.stringify(report, null, 2) + '\n');
  const md = evaluationMarkdown(report);
  writeFileSync(`${OUT_DIR}/EVALUATION.md`, md);
  process.stdout.write(md);
  process.stdout.write(await writeLanguageEvaluation(classifier, OUT_DIR));
}

await main();
