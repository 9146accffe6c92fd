/**
 * Builds a cascade artifact: the CNN in SCREEN_DIR (default models/artifact) becomes the screen
 * of the order-aware model in ARTIFACT_DIR, which must share its vocabulary and featuriser.
 * The escalation thresholds are chosen on the real dev rows recalibrate.ts uses (dataset dev
 * splits, WordNet examples, speech sentences), so that the screen passes on CASCADE_RECALL
 * (default 0.995) of the texts the model alone would mark at its most sensitive setting.
 *   SCREEN_DIR=… ARTIFACT_DIR=… pnpm --filter @counterweight/models cascade
 * Prints the share of windows escalated and how often the cascade decides as the model alone.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { chooseEscalation, type Escalation } from './cascade';
import { loadDatasetExamples, loadEverydayText } from './data/corpus';
import { EVERYDAY_SOURCES } from './eval/calibrate';
import { ARTIFACT_DIR, loadClassifier } from './load-node';
import { numberSetting } from './settings';

const RECALL = numberSetting('CASCADE_RECALL', 0.995, { min: 0 });
const screenDir = (process.env.SCREEN_DIR ?? ARTIFACT_DIR).replace(/\/$/, '');
const modelDir = (process.env.ARTIFACT_DIR ?? '').replace(/\/$/, '');
if (!modelDir || modelDir === screenDir) throw new Error('ARTIFACT_DIR: the order-aware model');
const log = (line: string) => process.stderr.write(`[cascade] ${line}\n`);

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
const metadataFile = `${modelDir}/metadata.json`;
const { cascade: _previous, ...metadata } = readJson(metadataFile);
writeFileSync(metadataFile, JSON.stringify(metadata, null, 2) + '\n');
const screenMetadata = readJson(`${screenDir}/metadata.json`);
if (
  readFileSync(`${screenDir}/vocabulary.json`, 'utf8') !==
  readFileSync(`${modelDir}/vocabulary.json`, 'utf8')
)
  throw new Error('the screen and the model must share vocabulary.json');
if (JSON.stringify(screenMetadata.featuriser) !== JSON.stringify(metadata.featuriser))
  throw new Error('the screen and the model must share the featuriser settings');

const [screen, model] = [await loadClassifier(screenDir), await loadClassifier(modelDir)];
const dev = [...(await loadDatasetExamples()), ...loadEverydayText()].filter(
  (e) => e.split === 'dev',
);
const texts = dev.map((e) => e.text);
const [screened, modelled] = [
  await screen.classify(texts, { evidence: false }),
  await model.classify(texts, { evidence: false }),
];
type Levels = Record<'hate' | 'extremist', { uncertain: number }>;
const levels: Levels[] = [
  metadata.thresholds,
  ...Object.values((metadata.sensitivity ?? {}) as Record<string, Levels>),
];
const caps: Escalation = {
  hate: Math.min(...levels.map((l) => l.hate.uncertain)),
  extremist: Math.min(...levels.map((l) => l.extremist.uncertain)),
};
const escalate = chooseEscalation(
  dev.map((_, i) => ({ screen: screened[i]!.scores, model: modelled[i]!.scores })),
  caps,
  RECALL,
);
copyFileSync(`${screenDir}/weights.bin`, `${modelDir}/screen.bin`);
const screenJson = readJson(`${screenDir}/model.json`);
screenJson.weightsManifest[0].paths = ['screen.bin'];
writeFileSync(`${modelDir}/screen.json`, JSON.stringify(screenJson));
const cascade = {
  screenModelFile: 'screen.json',
  screenWeightsFile: 'screen.bin',
  screenVersion: `${screenMetadata.name}@${screenMetadata.version}`,
  escalate,
};
writeFileSync(metadataFile, JSON.stringify({ ...metadata, cascade }, null, 2) + '\n');

const cascaded = await (await loadClassifier(modelDir)).classify(texts, { evidence: false });
const escalated = (i: number) =>
  screened[i]!.scores.hate >= escalate.hate || screened[i]!.scores.extremist >= escalate.extremist;
const share = (rows: number[], test: (i: number) => boolean) =>
  (rows.filter(test).length / Math.max(1, rows.length)).toFixed(4);
const all = dev.map((_, i) => i);
const everyday = all.filter((i) => EVERYDAY_SOURCES.includes(dev[i]!.source));
const marked = all.filter(
  (i) => modelled[i]!.decision !== 'clear' && modelled[i]!.decision !== 'abstain',
);
log(`caps ${JSON.stringify(caps)}; escalate ${JSON.stringify(escalate)} (recall ${RECALL})`);
log(
  `escalated: ${share(all, escalated)} of ${all.length} dev rows, ${share(everyday, escalated)} of ${everyday.length} everyday rows`,
);
log(
  `same decision as the model alone: ${share(all, (i) => cascaded[i]!.decision === modelled[i]!.decision)}; of the ${marked.length} rows it marks: ${share(marked, (i) => cascaded[i]!.decision === modelled[i]!.decision)}`,
);
