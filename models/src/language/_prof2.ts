import { LanguageIdentifier } from './language-identifier';
import { readLanguageFiles } from './language-files-node';
import { textForIdentification } from './language-gate';
import { buildContrastSet } from '../contrast/contrast-set';
import { seededRandom } from '../contrast/expand';
const set = buildContrastSet().map((e) => e.text);
const random = seededRandom(7);
const texts = Array.from({ length: 2000 }, () => {
  const w: string[] = [];
  while (w.length < 40) w.push(...set[Math.floor(random() * set.length)]!.split(' '));
  return w.slice(0, 40).join(' ');
});
const id = await LanguageIdentifier.create(readLanguageFiles());
const c = texts.map(textForIdentification);
for (let r = 0; r < 3; r++)
  for (const n of [50, 100, 150, 250]) {
    const cut = c.map((x) => x.slice(0, n));
    let t = performance.now();
    cut.forEach((x) => id.predict(x, 3));
    const d = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < 2000; i++) id.predict('a', 3);
    const e = performance.now() - t;
    console.log(n, 'predict3', d.toFixed(0), 'ms; empty-ish call', e.toFixed(0), 'ms');
  }
