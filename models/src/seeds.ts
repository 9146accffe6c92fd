/**
 * The seed spread of a training recipe: each artifact (one per seed) measured on real held-out
 * data only — hate ROC-AUC per dataset test split, everyday false flags, counter-speech flags.
 *   pnpm --filter @counterweight/models seeds <candidate> <artifact dir>...
 * Merges the rows into models/seeds.json (keyed by candidate and seed); evaluate prints the
 * mean ± sd per candidate.
 */
import { writeFileSync } from 'node:fs';
import {
  HOLDOUT_DATASETS,
  loadConanExamples,
  loadDatasetExamples,
  loadEverydayText,
} from './data/corpus';
import { namesIdentityGroup } from './eval/bias';
import { everydayRates } from './eval/everyday-rates';
import { rocAuc } from './eval/metrics';
import { readSeeds, SEEDS_FILE, type SeedFigures } from './eval/seed-spread';
import { loadClassifier } from './load-node';

const [candidate, ...dirs] = process.argv.slice(2);
if (!candidate || dirs.length === 0) throw new Error('usage: seeds <candidate> <artifact dir>...');
const test = (await loadDatasetExamples()).filter((e) => e.split === 'test' && e.hate !== null);
const everyday = loadEverydayText().filter((e) => e.split === 'test');
const counter = (await loadConanExamples()).filter((e) => e.hate === 0);
const rows = readSeeds();
for (const dir of dirs) {
  const classifier = await loadClassifier(dir);
  const classify = (texts: string[]) => classifier.classify(texts, { evidence: false });
  const seed = (classifier.metadata.training as { seed: number }).seed;
  const testResults = await classify(test.map((e) => e.text));
  const rocAucs: SeedFigures['rocAuc'] = {};
  for (const dataset of HOLDOUT_DATASETS) {
    const idx = test.map((e, i) => ({ e, i })).filter(({ e }) => e.source === dataset);
    rocAucs[dataset] = rocAuc(
      idx.map(({ i }) => testResults[i]!.scores.hate),
      idx.map(({ e }) => e.hate as 0 | 1),
    );
  }
  const hateFlag = classifier.metadata.thresholds.hate.flag;
  const flaggedHate = (i: number) =>
    testResults[i]!.decision !== 'abstain' && testResults[i]!.scores.hate >= hateFlag;
  const share = (idx: number[]) => idx.filter(flaggedHate).length / Math.max(1, idx.length);
  const indices = (keep: (e: (typeof test)[number]) => boolean) =>
    test.flatMap((e, i) => (keep(e) ? [i] : []));
  const inHoldout = (e: (typeof test)[number]) =>
    (HOLDOUT_DATASETS as readonly string[]).includes(e.source);
  const hateRecall = share(indices((e) => inHoldout(e) && e.hate === 1));
  const identityFlagRate = share(
    indices((e) => inHoldout(e) && e.hate === 0 && namesIdentityGroup(e.text)),
  );
  const everydayResults = await classify(everyday.map((e) => e.text));
  const scored = new Map(everyday.map((e, i) => [e, everydayResults[i]!]));
  const everydayFlagRate = Object.fromEntries(
    everydayRates(everyday, scored).map((r) => [r.source, r.flagRate]),
  );
  const counterResults = await classify(counter.map((e) => e.text));
  const figures: SeedFigures = {
    candidate,
    seed,
    modelVersion: classifier.modelVersion,
    rocAuc: rocAucs,
    everydayFlagRate,
    counterSpeechFlagRate:
      counterResults.filter((r) => r.decision === 'flag').length / counterResults.length,
    hateRecall,
    identityFlagRate,
  };
  process.stderr.write(`[seeds] ${JSON.stringify(figures)}\n`);
  const at = rows.findIndex((r) => r.candidate === candidate && r.seed === seed);
  if (at >= 0) rows[at] = figures;
  else rows.push(figures);
}
writeFileSync(SEEDS_FILE, JSON.stringify(rows, null, 2) + '\n');
