/**
 * Evaluates the shipped artifact (quantised, exactly as the extension runs it):
 *   pnpm --filter @counterweight/models evaluate
 * - precision, recall, F1 (at the stored flag threshold) and ROC-AUC per label on the held-out
 *   test split of every dataset, and on CONAN (never trained on);
 * - the false-positive rate on counter-speech (CONAN counter-narratives, all English rows);
 * - Borkan et al. bias metrics per identity group (identity mentions in the pooled test split);
 * - the project's functional suite, per functionality.
 * Writes models/evaluation.json and models/EVALUATION.md and prints the Markdown.
 * Environment: ARTIFACT_DIR (another artifact), EVALUATION_DIR (where the two reports go).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  loadConanExamples,
  loadContrastExamples,
  loadDatasetExamples,
  loadEverydayEnglish,
  type Example,
} from './data/corpus';
import { IDENTITY_TERMS, jigsawFinalMetric, subgroupBias, type ScoredText } from './eval/bias';
import { binaryMetrics, rocAuc, type BinaryMetrics } from './eval/metrics';
import { buildFunctionalSuite } from './functional/functional-suite';
import { loadClassifier } from './load-node';
import type { ClassifierResult } from '@counterweight/shared';

// EVALUATION_DIR: write the reports elsewhere (to compare a candidate artifact, ARTIFACT_DIR).
const OUT_DIR = process.env.EVALUATION_DIR ?? fileURLToPath(new URL('../', import.meta.url));
const LABELS = ['hate', 'extremist'] as const;
const log = (m: string) => process.stderr.write(`[evaluate] ${m}\n`);
const flaggedAs = (r: ClassifierResult, label: 'hate' | 'extremist') =>
  r.decision === 'flag' && r.label === label;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));

async function main() {
  const classifier = await loadClassifier();
  const { thresholds } = classifier.metadata;
  const classify = async (texts: string[]) => classifier.classify(texts, { evidence: false });

  const datasets = [...(await loadDatasetExamples()), ...loadContrastExamples()].filter(
    (e) => e.split === 'test',
  );
  const conan = await loadConanExamples();
  const everydayRows = loadEverydayEnglish().filter((e) => e.split === 'test');
  log(`test rows ${datasets.length}, conan rows ${conan.length}`);
  const scored = new Map<Example, ClassifierResult>();
  for (const rows of [datasets, conan, everydayRows]) {
    const results = await classify(rows.map((r) => r.text));
    rows.forEach((r, i) => scored.set(r, results[i]!));
  }

  // Per dataset, per label.
  const perDataset: Record<string, Partial<Record<'hate' | 'extremist', BinaryMetrics>>> = {};
  const bySource = new Map<string, Example[]>();
  for (const e of [...datasets, ...conan.filter((c) => c.split === 'test')])
    bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
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
  const counterFlagged = counter.filter((c) => scored.get(c)!.decision === 'flag').length;
  const counterRaised = counter.filter((c) => scored.get(c)!.decision !== 'clear').length;
  const counterSpeech = {
    n: counter.length,
    flagRate: counterFlagged / counter.length,
    flagOrUncertainRate: counterRaised / counter.length,
  };

  // Everyday English (held-out WordNet usage examples): none is terrorist content or hateful.
  const everyday = {
    n: everydayRows.length,
    extremistFlagRate:
      everydayRows.filter((e) => flaggedAs(scored.get(e)!, 'extremist')).length /
      everydayRows.length,
    hateFlagRate:
      everydayRows.filter((e) => e.hate === 0 && flaggedAs(scored.get(e)!, 'hate')).length /
      Math.max(1, everydayRows.filter((e) => e.hate === 0).length),
  };

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

  // Functional suite.
  const suite = buildFunctionalSuite();
  const suiteResults = await classifier.classify(suite.map((s) => s.text));
  const functionalities = new Map<string, { n: number; correct: number; examples: string[] }>();
  suite.forEach((s, i) => {
    const r = suiteResults[i]!;
    const expected = s.hate ? 'hate' : s.extremist ? 'extremist' : null;
    const correct = expected ? r.decision === 'flag' : r.decision !== 'flag';
    const f = functionalities.get(s.functionality) ?? { n: 0, correct: 0, examples: [] };
    f.n++;
    if (correct) f.correct++;
    else if (f.examples.length < 2)
      f.examples.push(
        `${s.text} → ${r.decision}/${r.label ?? '-'} (h ${r.scores.hate.toFixed(2)}, e ${r.scores.extremist.toFixed(2)})`,
      );
    functionalities.set(s.functionality, f);
  });
  const functional = [...functionalities.entries()].map(([name, f]) => ({
    functionality: name,
    n: f.n,
    accuracy: f.correct / f.n,
    failures: f.examples,
  }));
  const hateCases = suite
    .map((s, i) => ({ s, r: suiteResults[i]! }))
    .filter(({ s }) => !s.extremist);
  const hateSummary = {
    accuracy:
      hateCases.filter(({ s, r }) => (s.hate ? r.decision === 'flag' : r.decision !== 'flag'))
        .length / hateCases.length,
    recall:
      hateCases.filter(({ s, r }) => s.hate && r.decision === 'flag').length /
      hateCases.filter(({ s }) => s.hate).length,
  };
  const tcoCases = suite
    .map((s, i) => ({ s, r: suiteResults[i]! }))
    .filter(
      ({ s }) =>
        s.extremist ||
        /news|research|condemnation|history|fiction|neutral|idiom|polemic/.test(s.functionality),
    );
  const tcoSummary = {
    recall:
      tcoCases.filter(({ s, r }) => s.extremist && r.decision === 'flag').length /
      tcoCases.filter(({ s }) => s.extremist).length,
    flaggedAmongLawful:
      tcoCases.filter(({ s, r }) => !s.extremist && r.decision === 'flag').length /
      tcoCases.filter(({ s }) => !s.extremist).length,
  };

  const report = {
    modelVersion: classifier.modelVersion,
    evaluatedAt: new Date().toISOString(),
    thresholds,
    perDataset,
    counterSpeech,
    everyday,
    bias: {
      overallHateAuc: overallAuc,
      jigsawFinalMetric: jigsawFinalMetric(overallAuc, bias),
      identityMentions: bias,
      conanTargets: conanBias,
    },
    functional: { hate: hateSummary, terrorist: tcoSummary, perFunctionality: functional },
  };
  writeFileSync(`${OUT_DIR}/evaluation.json`, JSON.stringify(report, null, 2) + '\n');

  const md: string[] = [];
  md.push(
    `# Evaluation of ${classifier.modelVersion}`,
    '',
    `Generated by \`pnpm --filter @counterweight/models evaluate\` on ${report.evaluatedAt.slice(0, 10)}. Thresholds (from the dev split): hate flag ${thresholds.hate.flag} / uncertain ${thresholds.hate.uncertain}; extremist flag ${thresholds.extremist.flag} / uncertain ${thresholds.extremist.uncertain}.`,
    '',
  );
  md.push(
    '## Held-out test split per dataset (at the flag threshold)',
    '',
    '| dataset | label | n | positives | precision | recall | F1 | ROC-AUC |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const [source, labels] of Object.entries(perDataset))
    for (const [label, m] of Object.entries(labels))
      md.push(
        `| ${source} | ${label} | ${m.n} | ${m.positives} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${pct(m.rocAuc)} |`,
      );
  md.push(
    '',
    `CONAN is never trained on (research-only licence); its rows above are its own test split.`,
    '',
  );
  md.push(
    '## Counter-speech',
    '',
    `All ${counterSpeech.n} English CONAN counter-narratives: flagged ${(counterSpeech.flagRate * 100).toFixed(1)} %, flagged or uncertain ${(counterSpeech.flagOrUncertainRate * 100).toFixed(1)} %.`,
    '',
    '## Everyday English',
    '',
    `${everyday.n} held-out WordNet usage examples (ordinary sentences, many with words like shot, attack, bomb, troops): flagged as terrorist content ${(everyday.extremistFlagRate * 100).toFixed(1)} %, flagged as hate ${(everyday.hateFlagRate * 100).toFixed(1)} % (of those without identity or insult words).`,
    '',
  );
  md.push(
    '## Bias per identity group (hate label, Borkan et al. 2019)',
    '',
    `Pooled held-out rows (dataset test splits + CONAN test split), subgroups by identity mention. Overall AUC ${pct(overallAuc)}, Jigsaw final metric ${pct(report.bias.jigsawFinalMetric)}.`,
    '',
    '| group | n | subgroup AUC | BPSN AUC | BNSP AUC | FPR on non-hateful |',
    '|---|---|---|---|---|---|',
  );
  for (const b of bias)
    md.push(
      `| ${b.group} | ${b.n} | ${pct(b.subgroupAuc)} | ${pct(b.bpsnAuc)} | ${pct(b.bnspAuc)} | ${pct(b.falsePositiveRate)} |`,
    );
  md.push(
    '',
    'CONAN by target (hate speech vs counter-narrative about the same group):',
    '',
    '| target | n | subgroup AUC | BPSN AUC | BNSP AUC | FPR on counter-speech |',
    '|---|---|---|---|---|---|',
  );
  for (const b of conanBias)
    md.push(
      `| ${b.group} | ${b.n} | ${pct(b.subgroupAuc)} | ${pct(b.bpsnAuc)} | ${pct(b.bnspAuc)} | ${pct(b.falsePositiveRate)} |`,
    );
  md.push(
    '',
    '## Functional suite (project-written, separate templates and fillers from training)',
    '',
    `Hate cases: accuracy ${pct(hateSummary.accuracy)}, recall ${pct(hateSummary.recall)}. Terrorist content: recall ${pct(tcoSummary.recall)}, flagged among lawful (news, research, condemnation, history, fiction, religious terms, idioms, polemic) ${pct(tcoSummary.flaggedAmongLawful)}. "Correct" means flag for harmful cases and anything but flag for the rest.`,
    '',
    '| functionality | n | accuracy | example failures |',
    '|---|---|---|---|',
  );
  for (const f of functional)
    md.push(
      `| ${f.functionality} | ${f.n} | ${pct(f.accuracy)} | ${f.failures.map((x) => x.replace(/\|/g, '/')).join('<br>')} |`,
    );
  writeFileSync(`${OUT_DIR}/EVALUATION.md`, md.join('\n') + '\n');
  process.stdout.write(md.join('\n') + '\n');
}

await main();
