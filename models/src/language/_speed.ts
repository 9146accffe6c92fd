import { LanguageIdentifier } from './language-identifier';
import { readLanguageFiles } from './language-files-node';
import { buildContrastSet } from '../contrast/contrast-set';
import { seededRandom } from '../contrast/expand';
const set = buildContrastSet().map((e) => e.text);
const random = seededRandom(7);
const texts = Array.from({ length: 2000 }, () => {
  const w: string[] = [];
  while (w.length < 40) w.push(...set[Math.floor(random() * set.length)]!.split(' '));
  return w.slice(0, 40).join(' ');
});
let t = performance.now();
const id = await LanguageIdentifier.create(readLanguageFiles());
id.identify(['first'], ['en']);
console.log('load+first', (performance.now() - t).toFixed(1), 'ms');
for (let r = 0; r < 5; r++) {
  t = performance.now();
  const langs = id.identify(texts, ['en']);
  console.log(
    '2000x40w',
    (performance.now() - t).toFixed(1),
    'ms',
    langs.filter((l) => l !== 'en').length,
    'not en',
  );
}
