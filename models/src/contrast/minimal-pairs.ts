import { fillTemplate, randomFiller, seededRandom, type WrittenExample } from './expand';
import { SCOPE_FILLERS } from './scope-and-recall';

/**
 * Violent outcomes wished on a group, beyond the scope set's `harm` list, for the threat pairs:
 * a threat is recognised by what it wishes, however it is worded. None is a functional-suite filler.
 */
export const THREAT_PHRASES = [
  ...SCOPE_FILLERS.harm!,
  'beaten to death',
  'stabbed',
  'deported by force',
  'chased out of town with bats',
  'hunted down',
  'put against a wall',
  'strangled',
  'slaughtered',
  'massacred',
  'butchered',
  'beheaded',
  'tortured',
  'executed',
  'eradicated',
  'purged',
  'thrown into the river',
  'buried alive',
  'put in camps',
  'crushed',
  'put to death',
  'finished off',
  'taken out back and shot',
  'kicked to death',
  'burned out of their homes',
  'run out of the country',
  'cleansed from our streets',
  'dealt with permanently',
  'sent to the gas chambers',
  'hung from the lampposts',
  'beaten black and blue',
];

/**
 * A violating sentence (hate, or terrorist content) and its lawful twin: the same slot fillers,
 * a few words that take it back, report it or condemn it.
 */
export interface MinimalPair {
  violating: WrittenExample;
  lawful: WrittenExample;
}

/** A pair template: `kind` names how the lawful twin differs (it becomes its functionality). */
export interface PairTemplate {
  violating: string;
  lawful: string;
  kind: string;
}

/**
 * Pair templates, written by the project from the hate-speech definition: each hateful shape
 * next to the same words negated, denied, or quoted to be condemned. Training ranks every lawful
 * twin below its hateful one (see train.ts), so the words that flip the meaning, not the insult,
 * decide the score. Sentence shapes and fillers differ from the functional suite's.
 */
export const PAIR_TEMPLATES: (PairTemplate & {
  kind: 'negated' | 'attributed' | 'affirmed' | 'positive';
})[] = [
  { violating: '{g} are {noun}', lawful: '{g} are not {noun}', kind: 'negated' },
  { violating: '{g} are {adj}', lawful: '{g} are not {adj}', kind: 'negated' },
  { violating: '{g} are {noun}', lawful: 'it is a lie that {g} are {noun}', kind: 'negated' },
  {
    violating: '{all} {think} {g} are {noun}',
    lawful: '{neg} {think} {g} are {noun}',
    kind: 'negated',
  },
  {
    violating: '{all} {think} {g} are {adj}',
    lawful: '{neg} {think} {g} are {adj}',
    kind: 'negated',
  },
  { violating: 'i think {g} are {adj}', lawful: 'i do not think {g} are {adj}', kind: 'negated' },
  {
    violating: 'i believe {g} are {noun}',
    lawful: 'i refuse to believe {g} are {noun}',
    kind: 'negated',
  },
  {
    violating: '{g} are nothing but {noun}',
    lawful: '{g} are anything but {noun}',
    kind: 'negated',
  },
  { violating: 'i {hateverb} {g}', lawful: 'i do not {hateverb} {g}', kind: 'negated' },
  { violating: '{g} should be {harm}', lawful: '{g} should not be {harm}', kind: 'negated' },
  {
    violating: '{g} deserve to be {harm}',
    lawful: '{g} do not deserve to be {harm}',
    kind: 'negated',
  },
  { violating: 'i want {g} {harm}', lawful: 'i would never want {g} {harm}', kind: 'negated' },
  {
    violating: 'let us make sure {g} get {harm}',
    lawful: 'let us make sure {g} never get {harm}',
    kind: 'negated',
  },
  {
    violating: 'of course {g} are {noun}',
    lawful: 'of course {g} are not {noun}',
    kind: 'negated',
  },
  { violating: '{g} will always be {noun}', lawful: '{g} will never be {noun}', kind: 'negated' },
  {
    violating: 'there is no doubt {g} are {adj}',
    lawful: 'there is no evidence {g} are {adj}',
    kind: 'negated',
  },
  {
    violating: 'it is true that {g} are {adj}',
    lawful: 'it is not true that {g} are {adj}',
    kind: 'negated',
  },
  {
    violating: 'calling {g} {noun} is fair',
    lawful: 'calling {g} {noun} is bigotry',
    kind: 'attributed',
  },
  {
    violating: '{g} are {noun}',
    lawful: 'saying {g} are {noun} is plain bigotry',
    kind: 'attributed',
  },
  {
    violating: '{g} are {noun}',
    lawful: '"{g} are {noun}" is the kind of hate we stand against',
    kind: 'attributed',
  },
  {
    violating: '{g} should be {harm}',
    lawful: 'a post said {g} should be {harm}. it is a crime and we reported it',
    kind: 'attributed',
  },
  {
    violating: 'i agree, {g} are {adj}',
    lawful: 'i disagree with anyone who says {g} are {adj}',
    kind: 'attributed',
  },
  {
    violating: '{g} are {noun} and i am proud to say it',
    lawful: 'he said {g} are {noun} and he should be ashamed',
    kind: 'attributed',
  },
  { violating: '{g} are truly {noun}', lawful: '{g} are by no means {noun}', kind: 'negated' },
  { violating: '{g} are very {adj}', lawful: '{g} are not at all {adj}', kind: 'negated' },
  {
    violating: '{g} are in every sense {noun}',
    lawful: '{g} are in no sense {noun}',
    kind: 'negated',
  },
  { violating: 'all {g} are {noun}', lawful: 'no {g} are {noun}', kind: 'negated' },
  { violating: '{g} are always {adj}', lawful: '{g} are never {adj}', kind: 'negated' },
  // Threats: the wish itself, and the same words refused or reported.
  {
    violating: '{g} should be {threat}',
    lawful: 'no one should be {threat}, {g} included',
    kind: 'negated',
  },
  {
    violating: 'all {g} must be {threat}',
    lawful: 'no {g} must ever be {threat}',
    kind: 'negated',
  },
  {
    violating: 'i would love to see {g} {threat}',
    lawful: 'i would hate to see {g} {threat}',
    kind: 'negated',
  },
  {
    violating: 'the {g} round here will be {threat} soon',
    lawful: 'the {g} round here will never be {threat}',
    kind: 'negated',
  },
  {
    violating: 'every one of the {g} deserves to be {threat}',
    lawful: 'none of the {g} deserves to be {threat}',
    kind: 'negated',
  },
  {
    violating: 'the day is coming when {g} will be {threat}',
    lawful: 'someone wrote that the {g} should be {threat}. we called the police',
    kind: 'attributed',
  },
  // The other direction: denying a group respect, rights or humanity is hate, and the affirmation
  // it negates is not. Negation is a scope to read, not a word that clears a sentence.
  { violating: '{g} do not deserve respect', lawful: '{g} deserve respect', kind: 'affirmed' },
  { violating: '{g} are not welcome here', lawful: '{g} are welcome here', kind: 'affirmed' },
  {
    violating: '{g} should not have the same rights as us',
    lawful: '{g} should have the same rights as us',
    kind: 'affirmed',
  },
  {
    violating: '{g} have no place in this country',
    lawful: '{g} have a place in this country',
    kind: 'affirmed',
  },
  { violating: '{g} are not equal to us', lawful: '{g} are equal to us', kind: 'affirmed' },
  { violating: '{g} are not real people', lawful: '{g} are real people', kind: 'affirmed' },
  // A group named in praise: the identity word is the same, the verdict opposite.
  {
    violating: '{g} have ruined our neighbourhood',
    lawful: '{g} have enriched our neighbourhood',
    kind: 'positive',
  },
  {
    violating: 'this town was better before the {g} came',
    lawful: 'this town got better when the {g} came',
    kind: 'positive',
  },
];

/**
 * Expands the hate pair templates with the scope fillers, `perTemplate` pairs each, both twins
 * filled with the same draw. Deterministic for a given seed; training-only (never in dev or test).
 */
export function buildMinimalPairs(seed = 20261122, perTemplate = 60): MinimalPair[] {
  // "not even human" would make "are not {noun}" a double negative.
  const fillers = (slot: string) =>
    (slot === 'threat' ? THREAT_PHRASES : SCOPE_FILLERS[slot])?.filter((f) => !/\bnot\b/.test(f));
  return expandPairs(PAIR_TEMPLATES, fillers, seed, perTemplate, {
    idPrefix: 'pair',
    violatingTag: 'hateful',
    hate: 1,
    extremist: 0,
  });
}

/**
 * Expands pair templates, `perTemplate` pairs each; both twins take the same filler for a slot
 * (drawn once, on first use) and a lawful twin is never repeated. The violating twin carries the
 * `hate` and `extremist` labels given, the lawful one neither.
 */
export function expandPairs(
  templates: readonly PairTemplate[],
  fillers: (slot: string) => readonly string[] | undefined,
  seed: number,
  perTemplate: number,
  labels: { idPrefix: string; violatingTag: string; hate: 0 | 1; extremist: 0 | 1 },
): MinimalPair[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: MinimalPair[] = [];
  const options = new Map<string, readonly string[] | undefined>();
  const optionsOf = (slot: string) => {
    if (!options.has(slot)) options.set(slot, fillers(slot));
    return options.get(slot);
  };
  const { idPrefix, violatingTag } = labels;
  templates.forEach((template, t) => {
    for (let attempt = 0, made = 0; made < perTemplate && attempt < perTemplate * 4; attempt++) {
      const draw = new Map<string, string>();
      const filler = (slot: string) => {
        if (!draw.has(slot)) draw.set(slot, randomFiller(optionsOf(slot), slot, random));
        return draw.get(slot)!;
      };
      const violating = fillTemplate(template.violating, filler);
      const lawful = fillTemplate(template.lawful, filler);
      if (seen.has(lawful)) continue;
      seen.add(lawful);
      made++;
      const id = `${idPrefix}-${t}-${made}`;
      out.push({
        violating: {
          id: `${id}-${violatingTag}`,
          text: violating,
          hate: labels.hate,
          extremist: labels.extremist,
          functionality: `${idPrefix}-${violatingTag}`,
        },
        lawful: {
          id: `${id}-${template.kind}`,
          text: lawful,
          hate: 0,
          extremist: 0,
          functionality: `${idPrefix}-${template.kind}`,
        },
      });
    }
  });
  return out;
}
