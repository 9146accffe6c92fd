// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClassifierResult } from '@counterweight/shared';
import { PageScanner } from '../page-scanner';

// A stand-in for the background's model: the word "FLAG" flags, "MAYBE" is uncertain, "RUSSIAN"
// is a language the model does not read (abstain), "KNOWN" matched a bank's text signal (the
// background matches; see banks/match-texts.ts). The real
// model runs in the end-to-end tests.
const calls: string[][] = [];
const explained: string[][] = [];
function classify(texts: string[], evidence: boolean) {
  (evidence ? explained : calls).push(texts);
  const result = (t: string): ClassifierResult =>
    t.includes('RUSSIAN')
      ? {
          decision: 'abstain',
          label: null,
          scores: { hate: 0, extremist: 0 },
          evidence: [],
          language: 'ru',
        }
      : t.includes('FLAG')
        ? {
            decision: 'flag',
            label: 'hate',
            scores: { hate: 0.9, extremist: 0.1 },
            evidence: ['FLAG'],
            language: 'en',
          }
        : t.includes('MAYBE')
          ? {
              decision: 'uncertain',
              label: 'extremist',
              scores: { hate: 0.1, extremist: 0.55 },
              evidence: [],
              language: 'en',
            }
          : {
              decision: 'clear',
              label: null,
              scores: { hate: 0.1, extremist: 0.1 },
              evidence: [],
              language: 'en',
            };
  return Promise.resolve({
    modelVersion: 'test-1',
    thresholds: { hate: { flag: 0.7, uncertain: 0.5 }, extremist: { flag: 0.7, uncertain: 0.5 } },
    languages: ['en'],
    items: texts.map((t) => ({
      result: result(t),
      dismissed: t.includes('DISMISSED'),
      match: t.includes('KNOWN')
        ? { bank: 'tcap', distance: 3, label: { category: 'terrorist_content', source: 'TCAP' } }
        : null,
    })),
  });
}
const standard = { hate: 'standard', extremist: 'standard' } as const;

beforeEach(() => {
  calls.length = 0;
  explained.length = 0;
  document.body.innerHTML = '';
});

describe('PageScanner', () => {
  it('flags violating blocks, leaves clear ones bare and classifies each distinct text once', async () => {
    document.body.innerHTML = `
      <p id="a">This paragraph says FLAG loudly.</p>
      <p id="b">This paragraph says FLAG loudly.</p>
      <p id="c">A perfectly ordinary paragraph.</p>
      <p id="d">A paragraph that says MAYBE here.</p>
      <p id="e">Something DISMISSED FLAG earlier on.</p>`;
    const counts: number[] = [];
    const scanner = new PageScanner(
      { doc: document, classify, onFlagsChanged: (n) => counts.push(n) },
      standard,
    );
    await scanner.start();
    expect(calls.flat()).toHaveLength(4);
    // Evidence is asked for afterwards, only for what is shown as a flag.
    expect(explained.flat().sort()).toEqual([
      'A paragraph that says MAYBE here.',
      'This paragraph says FLAG loudly.',
    ]);
    const attr = (id: string) => document.getElementById(id)!.getAttribute('data-counterweight');
    expect([attr('a'), attr('b'), attr('c'), attr('d'), attr('e')]).toEqual([
      'flag',
      'flag',
      null,
      'uncertain',
      null,
    ]);
    expect(document.getElementById('c')!.attributes).toHaveLength(1);
    const flags = scanner.flags();
    expect(flags.map((f) => [f.text, f.occurrences, f.decision])).toEqual([
      ['This paragraph says FLAG loudly.', 2, 'flag'],
      ['A paragraph that says MAYBE here.', 1, 'uncertain'],
    ]);
    expect(counts.at(-1)).toBe(2);
    await scanner.stop();
  });

  it('tells the progress while it classifies, and dismisses and restores several flags at once', async () => {
    document.body.innerHTML = `
      <p id="a">This paragraph says FLAG loudly.</p>
      <p id="b">This paragraph says FLAG loudly.</p>
      <p id="c">A perfectly ordinary paragraph.</p>
      <p id="d">A paragraph that says MAYBE here.</p>`;
    const progress: string[] = [];
    const scanner = new PageScanner(
      {
        doc: document,
        classify,
        onFlagsChanged: (_n, p) => progress.push(`${p.classified}/${p.total}`),
      },
      standard,
    );
    await scanner.start();
    // Told of the four blocks before any answer, then of each answered batch.
    expect(progress[0]).toBe('0/4');
    expect(progress.at(-1)).toBe('4/4');
    expect(scanner.progress()).toEqual({ classified: 4, total: 4 });
    const ids = scanner.flags().map((f) => f.flagId);
    scanner.setDismissed(ids, true);
    expect(scanner.flags()).toEqual([]);
    expect(document.querySelectorAll('[data-counterweight]')).toHaveLength(0);
    expect(scanner.dismissed().map((d) => d.text)).toEqual([
      'This paragraph says FLAG loudly.',
      'A paragraph that says MAYBE here.',
    ]);
    scanner.setDismissed(ids, false);
    expect(scanner.flags().map((f) => f.flagId)).toEqual(ids);
    expect(document.querySelectorAll('[data-counterweight]')).toHaveLength(3);
    await scanner.stop();
  });

  it('classifies only what is new when the page grows, and re-reads edited blocks', async () => {
    document.body.innerHTML = `<main id="feed"><p>An ordinary first post here.</p></main>`;
    const scanner = new PageScanner({ doc: document, classify }, standard);
    await scanner.start();
    const feed = document.getElementById('feed')!;
    const p = document.createElement('p');
    p.textContent = 'A newly loaded post with FLAG inside.';
    const again = document.createElement('p');
    again.textContent = 'An ordinary first post here.';
    feed.append(p, again);
    await new Promise((r) => setTimeout(r, 100));
    await scanner.idle();
    expect(calls).toEqual([
      ['An ordinary first post here.'],
      ['A newly loaded post with FLAG inside.'],
    ]);
    expect(p.getAttribute('data-counterweight')).toBe('flag');
    p.textContent = 'The post was edited and is now fine.';
    await new Promise((r) => setTimeout(r, 100));
    await scanner.idle();
    expect(p.hasAttribute('data-counterweight')).toBe(false);
    await scanner.stop();
  });

  it('dismissal, sensitivity and stop take flags off; reported keeps them', async () => {
    document.body.innerHTML = `<p id="a">This one says FLAG clearly.</p><p id="d">This one says MAYBE perhaps.</p>`;
    const scanner = new PageScanner({ doc: document, classify }, standard);
    await scanner.start();
    const [flag, maybe] = scanner.flags();
    await scanner.setSensitivity({ hate: 'standard', extremist: 'low' });
    expect(document.getElementById('d')!.hasAttribute('data-counterweight')).toBe(false);
    await scanner.setSensitivity({ hate: 'standard', extremist: 'high' });
    expect(document.getElementById('d')!.getAttribute('data-counterweight')).toBe('uncertain');
    expect(scanner.markReported(flag!.flagId)).toBe('This one says FLAG clearly.');
    expect(scanner.flags()[0]!.reported).toBe(true);
    expect(scanner.dismiss(maybe!.flagId)).toBe('This one says MAYBE perhaps.');
    expect(document.getElementById('d')!.hasAttribute('data-counterweight')).toBe(false);
    await scanner.stop();
    expect(document.querySelectorAll('[data-counterweight], counterweight-marker')).toHaveLength(0);
    // Switched on again, the flags come back without asking the model again.
    const asked = calls.length;
    await scanner.start();
    expect(document.getElementById('a')!.getAttribute('data-counterweight')).toBe('flag');
    expect(calls.length).toBe(asked);
    await scanner.stop();
  });
});

describe('PageScanner: texts matched against the banks', () => {
  it('marks a matched block as known content with bank and distance, over any flag, and lists it', async () => {
    document.body.innerHTML = `
      <p id="a">A KNOWN text that the model finds clear.</p>
      <p id="b">A KNOWN text that says FLAG as well.</p>
      <p id="c">This paragraph says FLAG loudly.</p>
      <p id="d">A perfectly ordinary paragraph.</p>`;
    const scanner = new PageScanner({ doc: document, classify }, standard);
    await scanner.start();
    const attrs = (id: string) => {
      const el = document.getElementById(id)!;
      return [
        el.getAttribute('data-counterweight'),
        el.getAttribute('data-counterweight-bank'),
        el.getAttribute('data-counterweight-distance'),
      ];
    };
    expect(attrs('a')).toEqual(['match', 'tcap', '3']);
    expect(attrs('b')).toEqual(['match', 'tcap', '3']);
    expect(attrs('c')).toEqual(['flag', null, null]);
    expect(attrs('d')).toEqual([null, null, null]);
    const marker = document.getElementById('a')!.firstElementChild!;
    expect(marker.tagName.toLowerCase()).toBe('counterweight-marker');
    expect(document.getElementById('b')!.querySelectorAll('counterweight-marker')).toHaveLength(1);
    expect(scanner.textMatches().map((m) => [m.text, m.bank, m.distance, m.category])).toEqual([
      ['A KNOWN text that the model finds clear.', 'tcap', 3, 'terrorist_content'],
      ['A KNOWN text that says FLAG as well.', 'tcap', 3, 'terrorist_content'],
    ]);
    // A new sensitivity re-renders every block: the match stays, with one marker.
    await scanner.setSensitivity({ hate: 'high', extremist: 'high' });
    expect(attrs('a')).toEqual(['match', 'tcap', '3']);
    expect(document.getElementById('a')!.querySelectorAll('counterweight-marker')).toHaveLength(1);
    await scanner.stop();
    expect(attrs('a')).toEqual([null, null, null]);
    expect(document.getElementById('a')!.querySelector('counterweight-marker')).toBeNull();
  });
});

describe('PageScanner: languages the model does not read', () => {
  it('puts no marker on abstained blocks and reports their language and share', async () => {
    document.body.innerHTML = `
      <p id="ru1">RUSSIAN text that says FLAG and is long enough.</p>
      <p id="ru2">RUSSIAN text that says FLAG and is long enough.</p>
      <p id="en">An English paragraph that says FLAG here.</p>
      <p id="ok">A perfectly ordinary paragraph, nothing more.</p>`;
    const counts: number[] = [];
    const scanner = new PageScanner(
      { doc: document, classify, onFlagsChanged: (n) => counts.push(n) },
      { hate: 'high', extremist: 'high' },
    );
    await scanner.start();
    const attr = (id: string) => document.getElementById(id)!.getAttribute('data-counterweight');
    expect([attr('ru1'), attr('ru2'), attr('en'), attr('ok')]).toEqual([null, null, 'flag', null]);
    expect(scanner.flags().map((f) => f.text)).toEqual([
      'An English paragraph that says FLAG here.',
    ]);
    const chars = (id: string) => document.getElementById(id)!.textContent!.length;
    const total = chars('ru1') + chars('ru2') + chars('en') + chars('ok');
    expect(scanner.languages()).toEqual({
      covered: ['en'],
      notRead: [{ language: 'ru', blocks: 2, share: (chars('ru1') + chars('ru2')) / total }],
    });
    // Removing the Russian blocks takes them out of the notice.
    document.getElementById('ru1')!.remove();
    document.getElementById('ru2')!.remove();
    expect(scanner.languages().notRead).toEqual([]);
    await scanner.stop();
  });
});
