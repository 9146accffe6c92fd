import { createHash } from 'node:crypto';
import type { DecisionSubmission, ReportSubmission } from '@counterweight/shared';
import type { TokenRequest } from '@counterweight/shared/auth';

const excerpt =
  'They were heroes. Do what they did at the festival next Saturday, and more of us will follow.';

/** A complete, valid `POST /v1/reports` body (the OpenAPI example; tests parse it). */
export const REPORT_EXAMPLE = {
  content: {
    url: 'https://social.example/posts/1234567',
    excerpt,
    excerptSha256: createHash('sha256').update(excerpt, 'utf8').digest('hex'),
    language: 'en',
    site: 'social.example',
    contentType: 'text',
    capturedAt: '2026-11-22T13:58:00Z',
  },
  detectedBy: 'classifier',
  classifier: {
    modelVersion: 'cw-text-1.0.0',
    decision: 'flag',
    label: 'extremist',
    scores: { hate: 0.31, extremist: 0.93 },
    evidence: ['heroes', 'do what they did'],
  },
  assessment: {
    category: 'terrorist_content',
    tcoType: 'incitement',
    exemption: {
      applies: false,
      exemptions: [],
      reasoning:
        'Posted by an account that glorifies the attack; no journalistic, research or counter-speech framing.',
    },
    suggestedAction: 'remove',
    threatToLife: true,
    rationale:
      'Glorifies a named attack and calls for a repeat at a stated event: Art. 2(7)(a), with a threat.',
  },
  attestation: { humanReviewed: true, reviewedAt: '2026-11-22T14:00:00Z' },
} satisfies ReportSubmission;

/** A complete, valid `POST /v1/reports/{id}/decision` body. */
export const DECISION_EXAMPLE = {
  ground: {
    type: 'illegal_content',
    legalReference: 'Art. 2(7)(a) Regulation (EU) 2021/784',
    explanation:
      'The post glorifies a terrorist attack and urges readers to repeat it at a named event.',
  },
  category: 'terrorist_content',
  tcoType: 'incitement',
  exemption: {
    applies: false,
    exemptions: [],
    reasoning:
      'No journalistic, educational, artistic, research or counter-terrorism purpose is apparent.',
  },
  action: 'remove',
  escalateThreatToLife: true,
  facts:
    'Post of 22 November 2026 praising the perpetrators and calling for a repeat at a festival.',
} satisfies DecisionSubmission;

/** A valid `POST /v1/tokens` body. */
export const TOKEN_REQUEST_EXAMPLE = {
  role: 'reviewer',
  name: 'Reviewer A',
} satisfies TokenRequest;
