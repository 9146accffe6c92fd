import { describe, expect, it } from 'vitest';
import { buildSubmission, emptyDraft } from '../review-draft';
import { reviewerMessage } from '../issue-messages';

const flag = {
  flagId: 'f1',
  text: 'They are vermin',
  decision: 'flag' as const,
  label: 'hate' as const,
  scores: { hate: 0.9, extremist: 0.1 },
  evidence: ['vermin'],
  modelVersion: 'm1',
  language: 'en',
  url: 'https://forum.example/t/1',
  capturedAt: '2026-12-07T01:00:00.000Z',
  occurrences: 1,
  reported: false,
};

describe('reviewerMessage', () => {
  it('every issue of an empty form reads as words, with no field path or schema wording', () => {
    const built = buildSubmission(flag, emptyDraft(null), {
      site: 'forum.example',
      excerptSha256: 'a'.repeat(64),
      reviewedAt: '2026-12-07T01:00:00.000Z',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    for (const issue of built.issues) {
      const text = reviewerMessage(issue);
      expect(text, issue.path).not.toContain(issue.path);
      expect(text, issue.path).not.toMatch(/Invalid|expected|received/i);
    }
  });
  it('an unknown field keeps the schema message, saying what it concerns', () => {
    expect(reviewerMessage({ path: 'content.url', message: 'Invalid URL' })).toBe(
      'Something in the content is not right: Invalid URL.',
    );
  });
});
