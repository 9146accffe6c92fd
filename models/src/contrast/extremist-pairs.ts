import { expandPairs, type MinimalPair, type PairTemplate } from './minimal-pairs';
import { SCOPE_FILLERS } from './scope-and-recall';

/**
 * Terrorist-content pair templates, written by the project from the Art. 2(7) TCO definitions:
 * each sentence that incites, glorifies, solicits, recruits, funds, instructs or threatens next
 * to a lawful look-alike with the same group, place and weapon, because it reports the sentence
 * (news, a court), condemns or refuses it, studies it, or tells it as fiction. These are the
 * exemptions the classifier must not flag (journalism, research, education, art, counter-speech);
 * the pair ranking loss on the extremist logit makes the framing, not the place or weapon
 * named, decide the score. Shapes differ from the functional suite's, and tests check it.
 */
export const EXTREMIST_PAIR_TEMPLATES: (PairTemplate & {
  kind: 'reported' | 'condemned' | 'refused' | 'studied' | 'fiction';
})[] = [
  // Incitement and solicitation.
  {
    violating: 'brothers in {city}, strike {place} {day}',
    lawful: 'police say a post urging brothers in {city} to strike {place} {day} was a hoax',
    kind: 'reported',
  },
  {
    violating: 'do not wait for orders, attack {place} in {city}',
    lawful: 'he was jailed for urging followers to attack {place} in {city}',
    kind: 'reported',
  },
  {
    violating: 'kill {target} wherever you find them in {city}',
    lawful: 'the preacher who told followers in {city} to kill {target} was convicted',
    kind: 'reported',
  },
  {
    violating: 'every believer in {city} must take up arms against {target}',
    lawful: 'no believer in {city} may take up arms against {target}, the imams said',
    kind: 'refused',
  },
  {
    violating: 'whoever can reach {place} {day} should make it bleed',
    lawful: 'a man who wrote that someone should make {place} bleed {day} was arrested',
    kind: 'reported',
  },
  // Glorification.
  {
    violating: 'the attack on {place} in {city} was a blessing. may there be many more',
    lawful: 'the attack on {place} in {city} was a tragedy. may there never be another',
    kind: 'condemned',
  },
  {
    violating: 'the men who bombed {place} are heroes and their names will live forever',
    lawful: 'the men who bombed {place} are not heroes, they are {insult}',
    kind: 'condemned',
  },
  {
    violating: 'praise be to the brothers who struck {city}. follow their example',
    lawful: 'there is no praise for the men who struck {city}, only shame and grief',
    kind: 'condemned',
  },
  {
    violating: 'the martyrs of {place} showed us the path. walk it',
    lawful: 'the killers of {place} showed us nothing but cruelty, the bishop said',
    kind: 'condemned',
  },
  {
    violating: '{attackers} in {city} did their duty. honour them',
    lawful: '{attackers} in {city} murdered their neighbours. remember the victims',
    kind: 'condemned',
  },
  // Recruitment.
  {
    violating: 'join {grp} in {country}, your brothers are waiting for you',
    lawful: 'do not join {grp} in {country}, your family is waiting for you',
    kind: 'refused',
  },
  {
    violating: 'leave {city} and come to {country} to fight for {grp}',
    lawful: 'the documentary follows teenagers who left {city} to fight for {grp} in {country}',
    kind: 'reported',
  },
  {
    violating: 'we pay your way to {country} if you join {rank}',
    lawful: 'recruiters promised to pay his way to {country} if he joined {rank}, the court heard',
    kind: 'reported',
  },
  {
    violating: 'your place is in {rank}, not in {city}. come now',
    lawful: 'former fighters warn young people in {city} that {rank} is a lie',
    kind: 'refused',
  },
  {
    violating: 'sisters, marry a fighter of {grp} and come to {country}',
    lawful: 'the study shows how {grp} lured women to {country} with promises of marriage',
    kind: 'studied',
  },
  // Funding.
  {
    violating: 'send your zakat to {grp} so the fighters can buy rifles',
    lawful: 'the charity was shut down for sending zakat to {grp} to buy rifles',
    kind: 'reported',
  },
  {
    violating: 'donate crypto to arm {rank} in {country}',
    lawful: 'investigators traced crypto donations meant to arm {rank} in {country}',
    kind: 'reported',
  },
  {
    violating: 'every coin you give {grp} is a bullet for {target}',
    lawful: 'the prosecutor said every coin given to {grp} became a bullet for {target}',
    kind: 'reported',
  },
  // Instruction.
  {
    violating: 'use {manual} to build {device} and take it to {place}',
    lawful: 'police found {manual} on how to build {device} before anyone reached {place}',
    kind: 'reported',
  },
  {
    violating: 'follow {manual} to make {device} at home',
    lawful: 'the court heard he followed {manual} to make {device} at home',
    kind: 'reported',
  },
  {
    violating: 'hide {device} in a bag and leave it at {place} {day}',
    lawful: 'in the thriller, a bag with {device} is left at {place} {day} and the hero finds it',
    kind: 'fiction',
  },
  {
    violating: 'drive a truck into the crowd at {place}, it is the easiest way',
    lawful: 'after a truck was driven into the crowd at {place}, barriers were installed',
    kind: 'reported',
  },
  // Threats.
  {
    violating: '{place} in {city} will burn {day}',
    lawful: 'a hoax message claimed {place} in {city} would burn {day}; police found nothing',
    kind: 'reported',
  },
  {
    violating: 'we are coming for you, {target}, {day}',
    lawful: 'the men who wrote "we are coming for you, {target}, {day}" were arrested',
    kind: 'reported',
  },
  {
    violating: 'there is {device} in {place}. leave or die',
    lawful: 'reports of {device} in {place} turned out to be false, police said',
    kind: 'reported',
  },
  {
    violating: 'no one at {place} will survive {day}',
    lawful: 'in the novel, no one at {place} expects what happens {day}',
    kind: 'fiction',
  },
  // Coded language and fiction.
  {
    violating: 'the lions will visit {city} {day}. be ready',
    lawful: 'in the novel, the villains call themselves lions and plan to visit {city} {day}',
    kind: 'fiction',
  },
  {
    violating: 'the day of the rope is coming for {target}',
    lawful: 'the book explains how extremists use "the day of the rope" to threaten {target}',
    kind: 'studied',
  },
  {
    violating: 'we will blow up {place} in {city} {day}',
    lawful:
      'in the film, a cell plans to blow up {place} in {city} {day} and the detective stops it',
    kind: 'fiction',
  },
  {
    violating: 'the {city} operation must be repeated at {place}',
    lawful: 'the memorial at {place} remembers the victims of the {city} attack',
    kind: 'condemned',
  },
];

/**
 * Expands the terrorist-content pair templates with the scope fillers, `perTemplate` pairs each.
 * Deterministic for a given seed; training-only (never in dev or test).
 */
export function buildExtremistPairs(seed = 20261122, perTemplate = 40): MinimalPair[] {
  return expandPairs(EXTREMIST_PAIR_TEMPLATES, (slot) => SCOPE_FILLERS[slot], seed, perTemplate, {
    idPrefix: 'xpair',
    violatingTag: 'extremist',
    hate: 0,
    extremist: 1,
  });
}
