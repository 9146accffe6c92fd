import { seededRandom, type WrittenExample } from './expand';
import { SCOPE_FILLERS } from './scope-and-recall';

/** A hateful sentence and its lawful twin: the same slot fillers, a few words that take it back. */
export interface MinimalPair {
  hateful: WrittenExample;
  lawful: WrittenExample;
}

/**
 * Pair templates, written by the project from the hate-speech definition: each hateful shape
 * next to the same words negated, denied, or quoted to be condemned. Training ranks every lawful
 * twin below its hateful one (see train.ts), so the words that flip the meaning, not the insult,
 * decide the score. Sentence shapes and fillers differ from the functional suite's.
 */
export const PAIR_TEMPLATES: {
  hateful: string;
  lawful: string;
  kind: 'negated' | 'attributed' | 'affirmed';
}[] = [
  { hateful: '{g} are {noun}', lawful: '{g} are not {noun}', kind: 'negated' },
  { hateful: '{g} are {adj}', lawful: '{g} are not {adj}', kind: 'negated' },
  { hateful: '{g} are {noun}', lawful: 'it is a lie that {g} are {noun}', kind: 'negated' },
  {
    hateful: '{all} {think} {g} are {noun}',
    lawful: '{neg} {think} {g} are {noun}',
    kind: 'negated',
  },
  {
    hateful: '{all} {think} {g} are {adj}',
    lawful: '{neg} {think} {g} are {adj}',
    kind: 'negated',
  },
  { hateful: 'i think {g} are {adj}', lawful: 'i do not think {g} are {adj}', kind: 'negated' },
  {
    hateful: 'i believe {g} are {noun}',
    lawful: 'i refuse to believe {g} are {noun}',
    kind: 'negated',
  },
  {
    hateful: '{g} are nothing but {noun}',
    lawful: '{g} are anything but {noun}',
    kind: 'negated',
  },
  { hateful: 'i {hateverb} {g}', lawful: 'i do not {hateverb} {g}', kind: 'negated' },
  { hateful: '{g} should be {harm}', lawful: '{g} should not be {harm}', kind: 'negated' },
  {
    hateful: '{g} deserve to be {harm}',
    lawful: '{g} do not deserve to be {harm}',
    kind: 'negated',
  },
  { hateful: 'i want {g} {harm}', lawful: 'i would never want {g} {harm}', kind: 'negated' },
  {
    hateful: 'let us make sure {g} get {harm}',
    lawful: 'let us make sure {g} never get {harm}',
    kind: 'negated',
  },
  {
    hateful: 'of course {g} are {noun}',
    lawful: 'of course {g} are not {noun}',
    kind: 'negated',
  },
  { hateful: '{g} will always be {noun}', lawful: '{g} will never be {noun}', kind: 'negated' },
  {
    hateful: 'there is no doubt {g} are {adj}',
    lawful: 'there is no evidence {g} are {adj}',
    kind: 'negated',
  },
  {
    hateful: 'it is true that {g} are {adj}',
    lawful: 'it is not true that {g} are {adj}',
    kind: 'negated',
  },
  {
    hateful: 'calling {g} {noun} is fair',
    lawful: 'calling {g} {noun} is bigotry',
    kind: 'attributed',
  },
  {
    hateful: '{g} are {noun}',
    lawful: 'saying {g} are {noun} is plain bigotry',
    kind: 'attributed',
  },
  {
    hateful: '{g} are {noun}',
    lawful: '"{g} are {noun}" is the kind of hate we stand against',
    kind: 'attributed',
  },
  {
    hateful: '{g} should be {harm}',
    lawful: 'a post said {g} should be {harm}. it is a crime and we reported it',
    kind: 'attributed',
  },
  {
    hateful: 'i agree, {g} are {adj}',
    lawful: 'i disagree with anyone who says {g} are {adj}',
    kind: 'attributed',
  },
  {
    hateful: '{g} are {noun} and i am proud to say it',
    lawful: 'he said {g} are {noun} and he should be ashamed',
    kind: 'attributed',
  },
  // The other direction: denying a group respect, rights or humanity is hate, and the affirmation
  // it negates is not. Negation is a scope to read, not a word that clears a sentence.
  { hateful: '{g} do not deserve respect', lawful: '{g} deserve respect', kind: 'affirmed' },
  { hateful: '{g} are not welcome here', lawful: '{g} are welcome here', kind: 'affirmed' },
  {
    hateful: '{g} should not have the same rights as us',
    lawful: '{g} should have the same rights as us',
    kind: 'affirmed',
  },
  {
    hateful: '{g} have no place in this country',
    lawful: '{g} have a place in this country',
    kind: 'affirmed',
  },
  { hateful: '{g} are not equal to us', lawful: '{g} are equal to us', kind: 'affirmed' },
  { hateful: '{g} are not real people', lawful: '{g} are real people', kind: 'affirmed' },
];

/**
 * Expands the pair templates with the scope fillers, `perTemplate` pairs each, both twins filled
 * with the same draw. Deterministic for a given seed; training-only (never in dev or test).
 */
export function buildMinimalPairs(seed = 20261122, perTemplate = 60): MinimalPair[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: MinimalPair[] = [];
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  PAIR_TEMPLATES.forEach((template, t) => {
    for (let attempt = 0, made = 0; made < perTemplate && attempt < perTemplate * 4; attempt++) {
      const draw = new Map<string, string>();
      const fill = (pattern: string) =>
        pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (!draw.has(name)) {
            // "not even human" would make "are not {noun}" a double negative.
            const options = SCOPE_FILLERS[name]?.filter((f) => !/\bnot\b/.test(f));
            if (!options || options.length === 0) throw new Error(`no fillers for {${name}}`);
            draw.set(name, options[Math.floor(random() * options.length)]!);
          }
          return draw.get(name)!;
        });
      const hateful = sentence(fill(template.hateful));
      const lawful = sentence(fill(template.lawful));
      if (seen.has(lawful)) continue;
      seen.add(lawful);
      made++;
      const id = `pair-${t}-${made}`;
      out.push({
        hateful: {
          id: `${id}-hateful`,
          text: hateful,
          hate: 1,
          extremist: 0,
          functionality: 'pair-hateful',
        },
        lawful: {
          id: `${id}-${template.kind}`,
          text: lawful,
          hate: 0,
          extremist: 0,
          functionality: `pair-${template.kind}`,
        },
      });
    }
  });
  return out;
}
