import { z } from 'zod';
import { Cursor, Id, LanguageCode, Sha256Hex, storable, storedText, Timestamp } from './common';
import { MAX_EXCERPT_CHARS } from './report';
import type { TaxonomyEntry } from './taxonomy';

/**
 * Counter-narrative targets: content a civil-society team may answer with a counter- or an
 * alternative narrative. A target never feeds a removal decision; it has its own lifecycle:
 *
 *   open ──claim──▶ claimed ──response──▶ responded ──close──▶ closed
 *     └──────────────────────close (at any step)──────────────────▲
 *
 * Outcomes (awareness, engagement, impact figures) are recorded against a responded target.
 */

export const NARRATIVE_THEME_IDS = [
  'dehumanisation_us_vs_them',
  'conspiracy_against_group',
  'glorification_of_attackers',
  'recruitment_belonging',
  'grievance_exploitation',
  'gender_based_hostility',
  'other',
] as const;
export const NarrativeTheme = z.enum(NARRATIVE_THEME_IDS);
export type NarrativeTheme = z.infer<typeof NarrativeTheme>;

export const NARRATIVE_THEMES: TaxonomyEntry<NarrativeTheme>[] = [
  {
    id: 'dehumanisation_us_vs_them',
    name: 'Dehumanisation and us-vs-them',
    definition: 'Casts a group as less than human or as an enemy of "us".',
    examples: ['"They are vermin overrunning our towns."'],
  },
  {
    id: 'conspiracy_against_group',
    name: 'Conspiracy theory targeting a group',
    definition: 'Blames a group for a secret plot or for hidden control.',
    examples: ['"They are secretly replacing us."'],
  },
  {
    id: 'glorification_of_attackers',
    name: 'Glorification of attackers',
    definition: 'Praises the perpetrators of an attack as heroes or martyrs.',
    examples: ['"A saint who did what we all should."'],
  },
  {
    id: 'recruitment_belonging',
    name: 'Recruitment and belonging appeals',
    definition: 'Offers identity, purpose or brotherhood in exchange for joining.',
    examples: ['"Only we will stand with you. Join us."'],
  },
  {
    id: 'grievance_exploitation',
    name: 'Grievance exploitation',
    definition: 'Turns a real or perceived injustice into blame of a group.',
    examples: ['"You lost your job because of them."'],
  },
  {
    id: 'gender_based_hostility',
    name: 'Gender-based hostility',
    definition: 'Hostility against women or people because of gender or gender identity.',
    examples: ['"Women who speak up deserve what comes to them."'],
  },
  {
    id: 'other',
    name: 'Other narrative',
    definition: 'A narrative not covered above.',
    examples: [],
  },
];

/** The targeted groups of the CONAN data set. */
export const TARGETED_GROUP_IDS = [
  'jews',
  'muslims',
  'migrants',
  'lgbtq',
  'people_of_colour',
  'women',
  'disabled_people',
  'other',
] as const;
export const TargetedGroup = z.enum(TARGETED_GROUP_IDS);
export type TargetedGroup = z.infer<typeof TargetedGroup>;

export const TARGETED_GROUP_NAMES: Record<TargetedGroup, string> = {
  jews: 'Jews',
  muslims: 'Muslims',
  migrants: 'Migrants',
  lgbtq: 'LGBT+',
  people_of_colour: 'People of colour',
  women: 'Women',
  disabled_people: 'Disabled people',
  other: 'Other',
};

export const TARGET_STATUS_IDS = ['open', 'claimed', 'responded', 'closed'] as const;
export const TargetStatus = z.enum(TARGET_STATUS_IDS);
export type TargetStatus = z.infer<typeof TargetStatus>;

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const HttpUrl = storable(z.url({ protocol: /^https?$/ })).max(2048);
/**
 * A platform name as the team knows it: a host name (`x.com`), an app (`telegram`) or a name
 * with spaces (`CityTalk forum`). Letters and digits of any script, spaces and `. _ - ' & +`;
 * no markup, no commas (lists of platforms are comma-separated in queries).
 */
export const Platform = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{N} ._'&+-]{0,99}$/u,
        'expected a platform name such as "x.com" or "CityTalk forum"',
      ),
  );

/** Visible reach of the content when captured, if the page shows it. */
export const TargetReach = z.strictObject({ views: Count.optional(), shares: Count.optional() });
export type TargetReach = z.infer<typeof TargetReach>;

/** Where the team member found the content: an on-page flag or their own text selection. */
export const TargetSource = z.enum(['flag', 'selection']);
export type TargetSource = z.infer<typeof TargetSource>;

/** Body of `POST /v1/targets`. */
export const TargetSubmission = z.strictObject({
  url: HttpUrl,
  excerpt: storedText().min(1).max(MAX_EXCERPT_CHARS),
  /** SHA-256 of the UTF-8 excerpt; the server recomputes it and refuses a mismatch. */
  excerptSha256: Sha256Hex,
  theme: NarrativeTheme,
  group: TargetedGroup,
  language: LanguageCode,
  platform: Platform,
  reach: TargetReach.default({}),
  source: TargetSource.default('selection'),
  capturedAt: Timestamp,
});
export type TargetSubmission = z.infer<typeof TargetSubmission>;
export type TargetSubmissionInput = z.input<typeof TargetSubmission>;

/** Body of `POST /v1/targets/{id}/claim`: the team member who takes it (default: the caller). */
export const TargetClaimSubmission = z.strictObject({
  assignee: storedText().trim().min(1).max(100).optional(),
});
export const TargetClaim = z.strictObject({ assignee: z.string(), claimedAt: Timestamp });
export type TargetClaim = z.infer<typeof TargetClaim>;

export const ResponseKind = z.enum(['counter', 'alternative']);
export type ResponseKind = z.infer<typeof ResponseKind>;

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const CalendarDate = z.iso.date();

/** Body of `POST /v1/targets/{id}/responses`: the counter- or alternative-narrative post. */
export const TargetResponseSubmission = z.strictObject({
  url: HttpUrl,
  kind: ResponseKind,
  date: CalendarDate,
  note: storedText().trim().max(2000).optional(),
});
export const TargetResponse = TargetResponseSubmission.extend({ id: Id, recordedAt: Timestamp });
export type TargetResponse = z.infer<typeof TargetResponse>;

/**
 * Evaluation figures entered by the team, after ISD's counter-narrative evaluation practice:
 * awareness (who saw it), engagement (who interacted), impact (what changed).
 */
export const OutcomeFigures = z
  .strictObject({
    awareness: z
      .strictObject({
        impressions: Count.optional(),
        reach: Count.optional(),
        views: Count.optional(),
      })
      .default({}),
    engagement: z
      .strictObject({
        likes: Count.optional(),
        shares: Count.optional(),
        comments: Count.optional(),
        clicks: Count.optional(),
      })
      .default({}),
    impact: z
      .strictObject({
        constructiveReplies: Count.optional(),
        referralsToSupport: Count.optional(),
        notes: storedText().trim().max(2000).optional(),
      })
      .default({}),
  })
  .refine(
    (o) =>
      [o.awareness, o.engagement, o.impact].some((g) =>
        Object.values(g).some((v) => typeof v === 'number'),
      ),
    {
      message: 'enter at least one awareness, engagement or impact figure',
      path: ['awareness'],
    },
  );

/** Body of `POST /v1/targets/{id}/outcomes`. */
export const TargetOutcomeSubmission = z.strictObject({
  responseId: Id,
  measuredOn: CalendarDate,
  figures: OutcomeFigures,
});
export const TargetOutcome = TargetOutcomeSubmission.extend({ id: Id, recordedAt: Timestamp });
export type TargetOutcome = z.infer<typeof TargetOutcome>;

export const CloseReason = z.enum([
  'answered',
  'not_worth_answering',
  'amplification_risk',
  'duplicate',
  'content_gone',
]);
export type CloseReason = z.infer<typeof CloseReason>;

/** Body of `POST /v1/targets/{id}/close`. */
export const TargetCloseSubmission = z.strictObject({
  reason: CloseReason,
  note: storedText().trim().max(2000).optional(),
});
export const TargetClosure = z.strictObject({
  reason: CloseReason,
  note: z.string().optional(),
  closedAt: Timestamp,
});

/** Do-no-harm guidance for one theme, shown with every target of that theme. */
export const ThemeGuidance = z.strictObject({
  theme: NarrativeTheme,
  points: z.array(storedText().trim().min(1).max(500)).min(1).max(20),
  updatedAt: Timestamp.nullable(),
});
export type ThemeGuidance = z.infer<typeof ThemeGuidance>;

/** Body of `PUT /v1/guidance/{theme}` (admin). */
export const GuidanceSubmission = ThemeGuidance.pick({ points: true }).strict();

/** A target as the API returns it to a CSO team. */
export const Target = z.strictObject({
  id: Id,
  /** Short reference for the team, e.g. `T-42`. */
  reference: z.string(),
  createdAt: Timestamp,
  status: TargetStatus,
  url: z.string(),
  excerpt: z.string(),
  excerptSha256: Sha256Hex,
  theme: NarrativeTheme,
  group: TargetedGroup,
  language: LanguageCode,
  platform: z.string(),
  reach: TargetReach,
  source: TargetSource,
  capturedAt: Timestamp,
  claim: TargetClaim.nullable(),
  responses: z.array(TargetResponse),
  outcomes: z.array(TargetOutcome),
  closure: TargetClosure.nullable(),
  guidance: ThemeGuidance,
});
export type Target = z.infer<typeof Target>;

/** A query parameter holding a comma-separated list of `item`s, e.g. `theme=a,b`. */
export const commaList = <T extends z.ZodType<unknown, string>>(item: T, description: string) =>
  z
    .string()
    .describe(`Comma-separated list: ${description}`)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(20));

/** Query of `GET /v1/targets` (and its CSV export): every filter optional, lists comma-separated. */
export const TargetQuery = z.strictObject({
  theme: commaList(NarrativeTheme, NARRATIVE_THEME_IDS.join(', ')).optional(),
  group: commaList(TargetedGroup, TARGETED_GROUP_IDS.join(', ')).optional(),
  language: commaList(LanguageCode, 'ISO 639-1 codes').optional(),
  platform: commaList(Platform, 'platform or host names').optional(),
  status: commaList(TargetStatus, TARGET_STATUS_IDS.join(', ')).optional(),
  /** Captured at or after. */
  from: Timestamp.optional(),
  /** Captured before. */
  to: Timestamp.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export type TargetQuery = z.infer<typeof TargetQuery>;

export const TargetPage = z.strictObject({ items: z.array(Target), nextCursor: Cursor.nullable() });
export type TargetPage = z.infer<typeof TargetPage>;

/** What auditors may see: counts only, never an excerpt, URL or team member. */
export const TargetAggregates = z.strictObject({
  total: Count,
  byStatus: z.record(TargetStatus, Count),
  byTheme: z.record(NarrativeTheme, Count),
  byGroup: z.record(TargetedGroup, Count),
  byLanguage: z.record(z.string(), Count),
  byPlatform: z.record(z.string(), Count),
  responses: z.strictObject({ counter: Count, alternative: Count }),
  outcomes: Count,
});
export type TargetAggregates = z.infer<typeof TargetAggregates>;

/** The default do-no-harm guidance per theme, until an admin edits it. */
export const DEFAULT_GUIDANCE: Record<NarrativeTheme, string[]> = {
  dehumanisation_us_vs_them: [
    'Avoid "we against them" framing: do not answer one us-vs-them story with another.',
    'Do not quote or link the original; answer the narrative, not the post.',
    'Centre the humanity of the people targeted: names, faces and voices they chose to share.',
  ],
  conspiracy_against_group: [
    'Do not repeat the conspiracy claim in a headline or first line; lead with the facts.',
    'Explain the technique (scapegoating, secret plots) rather than debating every detail.',
    'Do not amplify the original: no links, no screenshots that spread it further.',
  ],
  glorification_of_attackers: [
    'Never name or picture the attacker; centre the victims and the community response.',
    "Do not share the attacker's material, manifesto or footage, even to rebut it.",
    'Follow responsible-reporting guidance on violence and suicide.',
  ],
  recruitment_belonging: [
    'Offer real belonging: point to local groups, mentors and exit or support services.',
    'Avoid shaming or labelling the audience; many are curious, not committed.',
    "Do not amplify the recruiter's account or channel.",
  ],
  grievance_exploitation: [
    'Acknowledge the real grievance; reject only the blame placed on a group.',
    'Point to constructive, lawful ways to address the grievance.',
    'Avoid "we against them" framing.',
  ],
  gender_based_hostility: [
    'Do not expose or tag the people targeted without their consent.',
    'Avoid counter-insults; model respectful disagreement.',
    'Signpost support services for people facing online abuse.',
  ],
  other: [
    'Do no harm: check that the response does not stigmatise the community it means to protect.',
    'Do not amplify the original post.',
    'Avoid "we against them" framing.',
  ],
};

/** The default guidance for a theme, as returned before an admin edits it. */
export function defaultGuidance(theme: NarrativeTheme): ThemeGuidance {
  return { theme, points: [...DEFAULT_GUIDANCE[theme]], updatedAt: null };
}

export type TargetEvent = 'claim' | 'respond' | 'record_outcome' | 'close';

/**
 * The lifecycle above as a pure function: the status after `event`, or a sentence saying why the
 * event is not allowed now (the API answers 409 with it). A claimed target may be re-assigned;
 * a response needs a claim first so two team members do not answer the same post.
 */
export function nextTargetStatus(
  status: TargetStatus,
  event: TargetEvent,
): TargetStatus | { refused: string } {
  if (status === 'closed') return { refused: 'the target is closed' };
  switch (event) {
    case 'claim':
      return status === 'responded' ? { refused: 'the target already has a response' } : 'claimed';
    case 'respond':
      return status === 'open'
        ? { refused: 'claim the target before recording a response' }
        : 'responded';
    case 'record_outcome':
      return status === 'responded'
        ? 'responded'
        : { refused: 'record a response before its outcome' };
    case 'close':
      return 'closed';
  }
}
