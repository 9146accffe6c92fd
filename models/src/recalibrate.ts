/**
 * Re-chooses an artifact's thresholds on real dev data, exactly as training does at its end
 * (eval/calibrate.ts), without retraining: scores the dev split of the shared datasets and the
 * dev splits of the WordNet examples and speech sentences with the quantised model as the extension runs it, and
 * rewrites `thresholds` and `sensitivity` in its metadata.json.
 *   pnpm --filter @counterweight/models recalibrate            (models/artifact)
 *   ARTIFACT_DIR=/tmp/run pnpm --filter @counterweight/models recalibrate
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadDatasetExamples, loadEverydayText } from './data/corpus';
import { calibrateThresholds } from './eval/calibrate';
import { ARTIFACT_DIR, loadClassifier } from './load-node';

const dir = (process.env.ARTIFACT_DIR ?? ARTIFACT_DIR).replace(/\/$/, '');
const classifier = await loadClassifier(dir);
const metadataFile = `${dir}/metadata.json`;
const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown> & {
  training: { holdOut?: string | null };
};
const heldOut = metadata.training.holdOut ?? null;
const dev = [...(await loadDatasetExamples()), ...loadEverydayText()].filter(
  (e) => e.split === 'dev' && e.source !== heldOut,
);
const results = await classifier.classify(
  dev.map((e) => e.text),
  { evidence: false },
);
const { thresholds, sensitivity } = calibrateThresholds(
  dev.map((example, i) => ({ example, scores: results[i]!.scores })),
);
process.stderr.write(
  `[recalibrate] ${dev.length} real dev rows; was ${JSON.stringify(metadata.thresholds)}\n` +
    `[recalibrate] now ${JSON.stringify(thresholds)}; low ${JSON.stringify(sensitivity.low)}; high ${JSON.stringify(sensitivity.high)}\n`,
);
writeFileSync(
  metadataFile,
  JSON.stringify({ ...metadata, thresholds, sensitivity }, null, 2) + '\n',
);
