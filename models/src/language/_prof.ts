import { textForIdentification, letterCounts, plainlyEnglish } from './language-gate';
import { buildContrastSet } from '../contrast/contrast-set';
import { seededRandom } from '../contrast/expand';
const set = buildContrastSet().map((e) => e.text);
const random = seededRandom(7);
const texts = Array.from({ length: 2000 }, () => {
  const w: string[] = [];
  while (w.length < 40) w.push(...set[Math.floor(random() * set.length)]!.split(' '));
  return w.slice(0, 40).join(' ');
});
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  const c = texts.map(textForIdentification);
  const a = performance.now() - t;
  t = performance.now();
  c.forEach(letterCounts);
  const b = performance.now() - t;
  t = performance.now();
  const pe = c.filter(plainlyEnglish).length;
  const d = performance.now() - t;
  t = performance.now();
  texts.forEach((x) => x.normalize('NFKC'));
  const e = performance.now() - t;
  console.log({
    clean: a.toFixed(1),
    nfkc: e.toFixed(1),
    letters: b.toFixed(1),
    plain: d.toFixed(1),
    pe,
  });
}
