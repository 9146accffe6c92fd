import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReportSubmission } from './report';
import { textSignal } from './text-signal';

const excerpt = 'Take up arms and strike them in their markets before the winter comes';
const base = {
  content: {
    url: 'https://social.example/posts/1',
    excerpt,
    excerptSha256: createHash('sha256').update(excerpt, 'utf8').digest('hex'),
    language: 'en',
    site: 'social.example',
    contentType: 'text',
    capturedAt: '2026-12-07T05:00:00Z',
    signals: [{ type: 'text', value: textSignal(excerpt)! }],
    textMatch: { bank: 'tcap', distance: 4 },
  },
  detectedBy: 'hash_match',
  classifier: null,
  assessment: {
    category: 'terrorist_content',
    tcoType: 'incitement',
    exemption: { applies: false, exemptions: [], reasoning: 'No journalistic framing.' },
    suggestedAction: 'remove',
    rationale: 'A banked call to arms.',
  },
  attestation: { humanReviewed: true, reviewedAt: '2026-12-07T05:01:00Z' },
};
const pathsOf = (content: object) => {
  const parsed = ReportSubmission.safeParse({ ...base, content: { ...base.content, ...content } });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('a report on a matched text', () => {
  it('takes the excerpt’s text signal with the match', () => {
    expect(pathsOf({})).toEqual([]);
  });

  it('refuses a text signal of other text than the excerpt, which a removal would bank unread', () => {
    expect(
      pathsOf({ signals: [{ type: 'text', value: textSignal(`${excerpt} today`)! }] }),
    ).toEqual(['content.signals.0.value']);
  });

  it('refuses a match without the signal, on other content than text, or beyond the threshold', () => {
    expect(pathsOf({ signals: [] })).toEqual(['content.signals']);
    expect(pathsOf({ contentType: 'image' })).toEqual([
      'content.signals.0.type',
      'content.textMatch',
    ]);
    expect(pathsOf({ textMatch: { bank: 'tcap', distance: 25 } })).toEqual([
      'content.textMatch.distance',
    ]);
  });
});
