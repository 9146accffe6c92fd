import {
  evade,
  expandFamilies,
  seededRandom,
  type TemplateFamily,
  type WrittenExample,
} from '../contrast/expand';

/**
 * The project's own functional test suite, for evaluation only. Its templates and fillers are
 * deliberately different from the training contrast set (other groups, places, verbs and
 * sentence shapes), so the per-functionality report measures generalisation, not recall of
 * training sentences. Written from the taxonomy definitions, not from any public test suite.
 */
export const FUNCTIONAL_FILLERS: Record<string, string[]> = {
  g: [
    'sikhs',
    'pakistanis',
    'bisexual people',
    'chinese people',
    'catholics',
    'deaf people',
    'nigerians',
    'polish immigrants',
    'buddhists',
    'indigenous people',
    'syrians',
    'somalis',
  ],
  one: [
    'a sikh',
    'a pakistani',
    'a bisexual woman',
    'a catholic priest',
    'a deaf man',
    'a nigerian nurse',
    'a syrian student',
  ],
  noun: ['leeches', 'a swarm of locusts', 'maggots', 'a virus', 'beasts', 'sewer rats', 'a pest'],
  adj: ['vile', 'filthy', 'brainless', 'barbaric', 'primitive', 'lazy'],
  harm: [
    'put down like dogs',
    'driven into the sea',
    'removed by force',
    'beaten in the streets',
    'strung up',
  ],
  city: ['lyon', 'munich', 'rotterdam', 'oslo', 'milan', 'birmingham', 'lisbon', 'hamburg'],
  place: [
    'the shopping centre',
    'the festival grounds',
    'the metro',
    'the police station',
    'the school',
    'the cathedral',
  ],
  grp: ['the group', 'the militants', 'the islamic state', 'al qaeda', 'the network'],
  country: ['nigeria', 'mozambique', 'the sahel', 'syria'],
  year: ['1998', '2002', '2013', '1980'],
};

const FAMILIES: TemplateFamily[] = [
  {
    functionality: 'hate: derogation',
    hate: 1,
    extremist: 0,
    perTemplate: 12,
    templates: [
      '{g} are {noun}, every single one',
      'honestly, {g} are just {adj}',
      'nothing good ever came from {g}, they are {noun}',
    ],
  },
  {
    functionality: 'hate: threat',
    hate: 1,
    extremist: 0,
    perTemplate: 12,
    templates: [
      '{g} should all be {harm}',
      'i will make sure the {g} in my street get {harm}',
      'it is time {g} were {harm}',
    ],
  },
  {
    functionality: 'hate: spelling evasion',
    hate: 1,
    extremist: 0,
    perTemplate: 12,
    templates: ['{g} are {noun}, every single one', 'it is time {g} were {harm}'],
  },
  {
    functionality: 'negated hate',
    hate: 0,
    extremist: 0,
    perTemplate: 12,
    templates: [
      'nobody here thinks {g} are {noun}',
      'i have never believed {g} are {adj}',
      '{g} are in no way {noun}',
    ],
  },
  {
    functionality: 'counter-speech quoting hate',
    hate: 0,
    extremist: 0,
    perTemplate: 12,
    templates: [
      'a man on the bus shouted "{g} are {noun}". shameful, and we told him so',
      'you wrote that {g} are {adj}? that is prejudice and you know it',
      'the leaflet said {g} should be {harm}. we reported it to the police',
    ],
  },
  {
    functionality: 'neutral identity mention',
    hate: 0,
    extremist: 0,
    perTemplate: 12,
    templates: [
      'the {g} in our street organised a summer party',
      '{one} won the local chess tournament',
      'the census counts {g} separately for the first time',
    ],
  },
  {
    functionality: 'positive identity mention',
    hate: 0,
    extremist: 0,
    perTemplate: 12,
    templates: [
      '{g} have made this city a better place',
      'shout out to {one} who fixed my bike for free',
      'thankful for the {g} who volunteer at the shelter',
    ],
  },
  {
    functionality: 'tco: incitement and glorification',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'the martyr who struck {place} in {city} is a legend. who will be the next one?',
      'glory to the fighters who attacked {city}. repeat it everywhere',
    ],
  },
  {
    functionality: 'tco: solicitation',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'if you live near {place} in {city}, it is on you to strike it',
      'go out and stab the unbelievers in {city}, do not wait for orders',
    ],
  },
  {
    functionality: 'tco: recruitment',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'young men of {city}, come to {country} and fight in our ranks',
      'write to us if you want to become a soldier of {grp}',
    ],
  },
  {
    functionality: 'tco: funding',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'give your zakat to buy rifles for the fighters in {country}',
      'transfer money here to fund the next operation of {grp}',
    ],
  },
  {
    functionality: 'tco: instruction',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'this pdf teaches you to build a device that can bring down {place}',
      'the course shows how to carry out a vehicle attack on a crowd in {city}',
    ],
  },
  {
    functionality: 'tco: threat',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'people of {city}, {place} will be a graveyard by friday',
      'we have planted something in {place}. you have until noon',
    ],
  },
  {
    functionality: 'tco: coded language',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'the knights of the caliphate will soon be guests in {city}',
      'remaining and expanding. {city} is next',
    ],
  },
  {
    functionality: 'tco: spelling evasion',
    hate: 0,
    extremist: 1,
    perTemplate: 10,
    templates: [
      'go out and stab the unbelievers in {city}, do not wait for orders',
      'young men of {city}, come to {country} and fight in our ranks',
    ],
  },
  {
    functionality: 'news about attacks',
    hate: 0,
    extremist: 0,
    perTemplate: 10,
    templates: [
      'investigators in {city} say {grp} planned the attack on {place} for months',
      'three people were injured at {place} in {city}; a suspect is in custody',
    ],
  },
  {
    functionality: 'research',
    hate: 0,
    extremist: 0,
    perTemplate: 10,
    templates: [
      'the thesis compares how {grp} recruited online in {country} and in europe',
      'we coded 500 posts that glorified the {city} attack to study their spread',
    ],
  },
  {
    functionality: 'condemnation',
    hate: 0,
    extremist: 0,
    perTemplate: 10,
    templates: [
      'the people who attacked {place} in {city} are cowards and murderers',
      'no cause justifies what {grp} did in {city}',
    ],
  },
  {
    functionality: 'history',
    hate: 0,
    extremist: 0,
    perTemplate: 8,
    templates: [
      'in {year} an explosion at {place} in {city} shocked the country',
      'the museum exhibition covers the attacks of {year} and their victims',
    ],
  },
  {
    functionality: 'fiction',
    hate: 0,
    extremist: 0,
    perTemplate: 8,
    templates: [
      'chapter two: the bomber reaches {place} in {city}, but the agent is already waiting',
      'my screenplay is about a cell that plans to attack {place}',
    ],
  },
  {
    functionality: 'neutral religious terms',
    hate: 0,
    extremist: 0,
    perTemplate: 8,
    templates: [
      'our family broke the fast together at the mosque in {city}',
      'the sheikh gave a lovely sermon about patience and mercy',
    ],
  },
  {
    functionality: 'idioms with violent words',
    hate: 0,
    extremist: 0,
    perTemplate: 1,
    templates: [
      'the band blew the roof off the venue last night',
      'i totally bombed my driving test',
      'these shoes are killing my feet',
      'the striker shot down every critic with that goal',
      'the new phone is a killer deal',
      'she was on fire in the debate',
      'we got massacred in the quiz',
      'that joke landed like a grenade',
    ],
  },
  {
    functionality: 'lawful polemic',
    hate: 0,
    extremist: 0,
    perTemplate: 8,
    templates: [
      'the occupation of {country} was a crime and its architects belong in court',
      'the new surveillance law treats every muslim in {city} as a suspect and must be repealed',
    ],
  },
];

/** The functional suite, deterministic for a given seed. */
export function buildFunctionalSuite(seed = 4242): WrittenExample[] {
  const random = seededRandom(seed + 7);
  return expandFamilies(FAMILIES, FUNCTIONAL_FILLERS, seed, 'functional').map((e) =>
    e.functionality.endsWith('spelling evasion') ? { ...e, text: evade(e.text, random) } : e,
  );
}
