/** A labelled example written by the project (not taken from any dataset). */
export interface WrittenExample {
  id: string;
  text: string;
  hate: 0 | 1;
  extremist: 0 | 1;
  functionality: string;
}

/** A template family: `{slot}` markers are filled from `slots` (or the shared fillers). */
export interface TemplateFamily {
  functionality: string;
  hate: 0 | 1;
  extremist: 0 | 1;
  templates: string[];
  /** Texts generated per template (fewer when the slot combinations run out). */
  perTemplate: number;
}

/** Deterministic PRNG (mulberry32): the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Expands template families into examples. Every `{name}` in a template is replaced by a random
 * filler of `fillers[name]`; duplicates are dropped. Deterministic for a given seed.
 */
export function expandFamilies(
  families: TemplateFamily[],
  fillers: Record<string, string[]>,
  seed: number,
  idPrefix: string,
): WrittenExample[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: WrittenExample[] = [];
  for (const family of families) {
    family.templates.forEach((template, t) => {
      for (
        let attempt = 0, made = 0;
        made < family.perTemplate && attempt < family.perTemplate * 4;
        attempt++
      ) {
        const sentence = fillTemplate(template, (name) =>
          randomFiller(fillers[name], name, random),
        );
        if (seen.has(sentence)) continue;
        seen.add(sentence);
        made++;
        out.push({
          id: `${idPrefix}-${family.functionality}-${t}-${made}`,
          text: sentence,
          hate: family.hate,
          extremist: family.extremist,
          functionality: family.functionality,
        });
      }
    });
  }
  return out;
}

/** `template` with every `{slot}` replaced by `filler(slot)`, its first letter capitalised. */
export function fillTemplate(template: string, filler: (slot: string) => string): string {
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => filler(name));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One of `options`, drawn with `random`; a slot without fillers is a mistake in the templates. */
export function randomFiller(
  options: readonly string[] | undefined,
  slot: string,
  random: () => number,
): string {
  if (!options || options.length === 0) throw new Error(`no fillers for {${slot}}`);
  return options[Math.floor(random() * options.length)]!;
}

/** Spelling evasions a poster uses to slip past filters: leetspeak, spacing, dots, swaps. */
export function evade(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{4,}$/i.test(w));
  if (candidates.length === 0) return text;
  const pick = candidates[Math.floor(random() * candidates.length)]!;
  const w = pick.w;
  const style = Math.floor(random() * 5);
  let changed: string;
  if (style === 0)
    changed = w.replace(
      /[aeios]/gi,
      (c) => ({ a: '4', e: '3', i: '1', o: '0', s: '5' })[c.toLowerCase()] ?? c,
    );
  else if (style === 1) changed = w.split('').join(' ');
  else if (style === 2) changed = w.split('').join('.');
  else if (style === 3) changed = w.slice(0, 1) + w.slice(2, 3) + w.slice(1, 2) + w.slice(3);
  else changed = w.replace(/[aeiou]/i, '*');
  words[pick.i] = changed;
  return words.join(' ');
}
