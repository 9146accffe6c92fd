import { createHash } from 'node:crypto';
import type {
  TargetClaimSubmission,
  TargetCloseSubmission,
  TargetOutcomeSubmission,
  TargetResponseSubmission,
  TargetSubmissionInput,
} from '@counterweight/shared/target';
import type { z } from 'zod';

const excerpt =
  'They are not refugees, they are invaders. Our towns, our women, our jobs: they take everything.';

/** Valid request bodies of the target endpoints: the OpenAPI examples, parsed in the tests. */
export const TARGET_EXAMPLE = {
  url: 'https://social.example/posts/987654',
  excerpt,
  excerptSha256: createHash('sha256').update(excerpt, 'utf8').digest('hex'),
  theme: 'dehumanisation_us_vs_them',
  group: 'migrants',
  language: 'en',
  platform: 'social.example',
  reach: { views: 48200, shares: 1310 },
  source: 'flag',
  capturedAt: '2026-11-22T13:58:00Z',
} satisfies TargetSubmissionInput;

export const CLAIM_EXAMPLE = { assignee: 'Team member A' } satisfies z.input<
  typeof TargetClaimSubmission
>;

export const RESPONSE_EXAMPLE = {
  url: 'https://social.example/posts/987999',
  kind: 'alternative',
  date: '2026-11-23',
  note: "Short video of the town's volunteer fire brigade, half of whom arrived as refugees.",
} satisfies z.input<typeof TargetResponseSubmission>;

export const OUTCOME_EXAMPLE = {
  responseId: '3f1c2b8e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  measuredOn: '2026-11-30',
  figures: {
    awareness: { impressions: 120000, reach: 64000, views: 31000 },
    engagement: { likes: 2100, shares: 340, comments: 180 },
    impact: { constructiveReplies: 42, notes: 'Several replies shared their own arrival stories.' },
  },
} satisfies z.input<typeof TargetOutcomeSubmission>;

export const CLOSE_EXAMPLE = {
  reason: 'answered',
  note: 'Answered with an alternative narrative.',
} satisfies z.input<typeof TargetCloseSubmission>;

export const GUIDANCE_EXAMPLE = {
  points: [
    'Avoid "we against them" framing.',
    'Do not quote or link the original post.',
    'Centre the voices of the people targeted.',
  ],
};
