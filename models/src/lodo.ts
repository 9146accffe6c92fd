/**
 * Leave-one-dataset-out: for each dataset X of HOLDOUT_DATASETS, an artifact trained without X
 * (`HOLD_OUT=X pnpm --filter @counterweight/models train`) is measured on every row of X. The
 * figures say how the model does on text from a source it never saw, which is what a page is.
 *   LODO_DIR=/tmp/lodo pnpm --filter @counterweight/models lodo <candidate>
 * reads LODO_DIR/<candidate>/<dataset>/ for each dataset that has an artifact, and merges the
 * candidate's rows into models/lodo.json (every candidate ever compared stays in the file).
 * With LODO_INTO_METADATA=1 the candidate's table is also written into models/artifact's
 * metadata.json as `leaveOneDatasetOut` (for the shipped candidate).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { HOLDOUT_DATASETS, loadDatasetExamples } from './data/corpus';
import { LODO_FILE, type LodoRow } from './eval/lodo-table';
import { binaryMetrics, rocAuc } from './eval/metrics';
import { ARTIFACT_DIR, loadClassifier } from './load-node';

async function main() {
  const candidate = process.argv[2];
  const root = process.env.LODO_DIR;
  if (!candidate || !root) throw new Error('usage: LODO_DIR=<dir> lodo <candidate>');
  const all = await loadDatasetExamples();
  const rows: LodoRow[] = [];
  for (const dataset of HOLDOUT_DATASETS) {
    const dir = `${root}/${candidate}/${dataset}`;
    if (!existsSync(`${dir}/metadata.json`)) continue;
    const classifier = await loadClassifier(dir);
    const training = classifier.metadata.training as {
      holdOut?: string;
      seed: number;
      epochs: number;
      subsample: number;
    };
    if (training.holdOut !== dataset) throw new Error(`${dir} was not trained without ${dataset}`);
    const held = all.filter((e) => e.source === dataset && e.hate !== null);
    const results = await classifier.classify(
      held.map((e) => e.text),
      { evidence: false },
    );
    const scores = results.map((r) => r.scores.hate);
    const labels = held.map((e) => e.hate as 0 | 1);
    const m = binaryMetrics(scores, labels, classifier.metadata.thresholds.hate.flag);
    rows.push({
      dataset,
      n: held.length,
      positives: m.positives,
      rocAuc: rocAuc(scores, labels),
      recall: m.recall,
      precision: m.precision,
      falsePositiveRate: m.falsePositiveRate,
      modelVersion: classifier.modelVersion,
      seed: training.seed,
      budget: `${training.epochs} epoch(s), ${training.subsample * 100} % of dataset rows`,
    });
    process.stderr.write(
      `[lodo] ${candidate} without ${dataset}: ${JSON.stringify(rows.at(-1))}\n`,
    );
  }
  const file = existsSync(LODO_FILE)
    ? (JSON.parse(readFileSync(LODO_FILE, 'utf8')) as Record<string, LodoRow[]>)
    : {};
  file[candidate] = rows;
  writeFileSync(LODO_FILE, JSON.stringify(file, null, 2) + '\n');
  if (process.env.LODO_INTO_METADATA === '1') {
    const metadataFile = `${ARTIFACT_DIR}/metadata.json`;
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>;
    metadata.leaveOneDatasetOut = { candidate, rows };
    writeFileSync(metadataFile, JSON.stringify(metadata, null, 2) + '\n');
  }
}

await main();
