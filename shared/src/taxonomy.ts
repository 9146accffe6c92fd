import { z } from 'zod';

/**
 * The policy taxonomy as data: every id here is a wire value, and the names, definitions and
 * examples are what reviewers read in the extension's review form.
 */
export interface TaxonomyEntry<Id extends string> {
  id: Id;
  name: string;
  definition: string;
  examples: string[];
}

/** Policy categories, from most to least severe. */
export const POLICY_CATEGORY_IDS = [
  'terrorist_content',
  'violent_extremism',
  'hate_speech',
] as const;
export const PolicyCategory = z.enum(POLICY_CATEGORY_IDS);
export type PolicyCategory = z.infer<typeof PolicyCategory>;

export const POLICY_CATEGORIES: TaxonomyEntry<PolicyCategory>[] = [
  {
    id: 'terrorist_content',
    name: 'Terrorist content',
    definition:
      'Material of one of the five types of Art. 2(7) of Regulation (EU) 2021/784 (TCO), assessed against its true purpose: not terrorist content when disseminated for journalistic, educational, artistic or research purposes, or to prevent or counter terrorism (Art. 1(3)).',
    examples: [
      'A post praising a named attack as a model to follow and urging others to repeat it.',
      'A step-by-step guide to assembling an explosive device, shared to help an attack.',
    ],
  },
  {
    id: 'violent_extremism',
    name: 'Violent extremism below the terrorist-content threshold',
    definition:
      'Promotion of an ideology or group that endorses violence against people for political, religious or ideological ends, without meeting any Art. 2(7) type (no incitement to, solicitation of, instruction for or threat of a terrorist offence).',
    examples: [
      'Flaunting the strength of a violent movement and its symbols without calling for any act.',
      'Sympathetic portrayal of a violent extremist group aimed at recruitment of supporters.',
    ],
  },
  {
    id: 'hate_speech',
    name: 'Hate speech',
    definition:
      'Content that attacks, dehumanises or incites hatred, discrimination or violence against people because of a protected characteristic.',
    examples: [
      'Calling a religious group vermin that should be driven out of the country.',
      'Claiming that people of a given ethnicity are inherently criminal.',
    ],
  },
];

/** The five types of terrorist content of Art. 2(7) TCO, letters (a) to (e). */
export const TCO_TYPE_IDS = [
  'incitement',
  'solicitation',
  'participation',
  'instruction',
  'threat',
] as const;
export const TcoType = z.enum(TCO_TYPE_IDS);
export type TcoType = z.infer<typeof TcoType>;

export const TCO_TYPES: TaxonomyEntry<TcoType>[] = [
  {
    id: 'incitement',
    name: 'Art. 2(7)(a) Incitement, including glorification',
    definition:
      'Incites the commission of a terrorist offence, directly or indirectly (for example by glorifying terrorist acts), where it causes a danger that one or more such offences may be committed.',
    examples: [
      'Celebrating the perpetrators of an attack as heroes and saying more should follow.',
    ],
  },
  {
    id: 'solicitation',
    name: 'Art. 2(7)(b) Solicitation to commit or contribute',
    definition:
      'Solicits a person or a group of persons to commit or contribute to the commission of a terrorist offence, including by funding.',
    examples: ['Asking followers to send money to buy weapons for an attack.'],
  },
  {
    id: 'participation',
    name: 'Art. 2(7)(c) Solicitation to participate in a terrorist group',
    definition:
      'Solicits a person or group of persons to participate in the activities of a terrorist group, including by supplying information or material resources or funding its activities (recruitment).',
    examples: ['Inviting readers to travel and join the fighters of a named terrorist group.'],
  },
  {
    id: 'instruction',
    name: 'Art. 2(7)(d) Instruction',
    definition:
      'Provides instruction on the making or use of explosives, firearms or other weapons or noxious or hazardous substances, or on other specific methods or techniques, for the purpose of committing or contributing to a terrorist offence.',
    examples: ['A manual for building a bomb, posted with the aim of enabling an attack.'],
  },
  {
    id: 'threat',
    name: 'Art. 2(7)(e) Threat',
    definition: 'Constitutes a threat to commit a terrorist offence.',
    examples: ['Announcing that a named venue will be attacked next week.'],
  },
];

/** Protected characteristics for hate speech. */
export const PROTECTED_CHARACTERISTIC_IDS = [
  'religion',
  'ethnicity',
  'nationality',
  'race',
  'gender',
  'sexual_orientation',
  'disability',
  'other',
] as const;
export const ProtectedCharacteristic = z.enum(PROTECTED_CHARACTERISTIC_IDS);
export type ProtectedCharacteristic = z.infer<typeof ProtectedCharacteristic>;

export const PROTECTED_CHARACTERISTICS: TaxonomyEntry<ProtectedCharacteristic>[] = [
  {
    id: 'religion',
    name: 'Religion or belief',
    definition: 'Religion, belief or the lack of it.',
    examples: ['Muslims, Jews, Christians, atheists'],
  },
  {
    id: 'ethnicity',
    name: 'Ethnic origin',
    definition: 'Ethnic or cultural origin.',
    examples: ['Roma, Kurds'],
  },
  {
    id: 'nationality',
    name: 'Nationality or migration status',
    definition: 'Nationality, citizenship, migration or refugee status.',
    examples: ['migrants, refugees, a named nationality'],
  },
  {
    id: 'race',
    name: 'Race or colour',
    definition: 'Race, colour or descent.',
    examples: ['Black people, people of colour'],
  },
  {
    id: 'gender',
    name: 'Sex or gender',
    definition: 'Sex, gender or gender identity.',
    examples: ['women, trans people'],
  },
  {
    id: 'sexual_orientation',
    name: 'Sexual orientation',
    definition: 'Sexual orientation.',
    examples: ['gay, lesbian and bisexual people'],
  },
  {
    id: 'disability',
    name: 'Disability',
    definition: 'Physical or mental disability.',
    examples: ['disabled people'],
  },
  {
    id: 'other',
    name: 'Other protected characteristic',
    definition: 'Another characteristic protected by law, stated in the rationale.',
    examples: ['age'],
  },
];

/** The Art. 1(3) TCO exemptions: material disseminated for these purposes is not terrorist content. */
export const EXEMPTION_IDS = [
  'journalistic',
  'educational',
  'research',
  'artistic',
  'countering_terrorism',
  'public_debate',
] as const;
export const Exemption = z.enum(EXEMPTION_IDS);
export type Exemption = z.infer<typeof Exemption>;

export const EXEMPTIONS: TaxonomyEntry<Exemption>[] = [
  {
    id: 'journalistic',
    name: 'Journalistic purpose',
    definition: 'Reporting or commenting on events, including attacks and the groups behind them.',
    examples: ["A news report quoting a terrorist group's claim of responsibility."],
  },
  {
    id: 'educational',
    name: 'Educational purpose',
    definition: 'Teaching about terrorism, extremism or history.',
    examples: ['A history lesson showing wartime propaganda.'],
  },
  {
    id: 'research',
    name: 'Research purpose',
    definition: 'Academic or civil-society research, including archives of extremist material.',
    examples: ['A paper analysing recruitment slogans.'],
  },
  {
    id: 'artistic',
    name: 'Artistic purpose',
    definition: 'Fiction, film, music, satire and other art.',
    examples: ['A novel in which a character plans an attack.'],
  },
  {
    id: 'countering_terrorism',
    name: 'Preventing or countering terrorism',
    definition: 'Counter-speech, counter- and alternative narratives, prevention work.',
    examples: ['A post quoting extremist propaganda in order to rebut it.'],
  },
  {
    id: 'public_debate',
    name: 'Polemic or controversial views in public debate',
    definition: 'Expression of polemic or controversial views on sensitive political questions.',
    examples: ['A harsh op-ed criticising foreign policy.'],
  },
];

/**
 * The action ladder, mildest first. Removal is the last rung; everything short of it is
 * preferred where it suffices. Escalation for threats to life is a separate flag on a decision.
 */
export const ACTION_IDS = [
  'no_action',
  'label',
  'demote',
  'restrict_interaction',
  'age_restrict',
  'disable_in_territory',
  'remove',
] as const;
export const Action = z.enum(ACTION_IDS);
export type Action = z.infer<typeof Action>;

export const ACTIONS: TaxonomyEntry<Action>[] = [
  { id: 'no_action', name: 'No action', definition: 'The content stays as it is.', examples: [] },
  {
    id: 'label',
    name: 'Label',
    definition: 'A warning or context label is shown with the content.',
    examples: [],
  },
  {
    id: 'demote',
    name: 'Demote',
    definition: 'The content is no longer recommended or ranked up.',
    examples: [],
  },
  {
    id: 'restrict_interaction',
    name: 'Restrict interaction',
    definition: 'Sharing, replies or other interaction are turned off.',
    examples: [],
  },
  {
    id: 'age_restrict',
    name: 'Age-restrict',
    definition: 'Only adults can see the content.',
    examples: [],
  },
  {
    id: 'disable_in_territory',
    name: 'Disable access in a territory',
    definition: 'The content is unavailable in the listed territories only.',
    examples: [],
  },
  { id: 'remove', name: 'Remove', definition: 'The content is removed everywhere.', examples: [] },
];

/** Actions that take content out of view; not allowed when an Art. 1(3) exemption applies. */
export const REMOVAL_ACTIONS: readonly Action[] = ['remove', 'disable_in_territory'];

/** Content types of the DSA Transparency Database, without their `CONTENT_TYPE_` prefix. */
export const CONTENT_TYPE_IDS = [
  'text',
  'image',
  'video',
  'audio',
  'synthetic_media',
  'app',
  'product',
  'other',
] as const;
export const ContentType = z.enum(CONTENT_TYPE_IDS);
export type ContentType = z.infer<typeof ContentType>;

/**
 * Classifier labels (models/) and the decision shown to reviewers: flag, uncertain or clear for a
 * text the model read; abstain for a text in a language the model does not cover.
 */
export const ClassifierLabel = z.enum(['hate', 'extremist']);
export type ClassifierLabel = z.infer<typeof ClassifierLabel>;
export const ClassifierDecision = z.enum(['flag', 'uncertain', 'clear', 'abstain']);
export type ClassifierDecision = z.infer<typeof ClassifierDecision>;

/** The whole taxonomy, as served to the extension's review form. */
export const TAXONOMY = {
  categories: POLICY_CATEGORIES,
  tcoTypes: TCO_TYPES,
  protectedCharacteristics: PROTECTED_CHARACTERISTICS,
  exemptions: EXEMPTIONS,
  actions: ACTIONS,
} as const;
