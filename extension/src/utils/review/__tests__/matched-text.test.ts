import { describe, expect, it } from 'vitest';
import { MAX_EXCERPT_CHARS, ReportSubmission, textSignal } from '@counterweight/shared';
import { buildSubmission, emptyDraft, isFlag, type ReviewDraft } from '../review-draft';
import { matchedText } from '../matched-text';
import { sha256Hex } from '../sha256';

const text =
  'Brothers of the northern front, the hour has come to take up arms and strike the unbelievers in their markets before winter #northfront';
const match = {
  flagId: 'f1',
  text,
  occurrences: 2,
  bank: 'tcap',
  distance: 9,
  category: 'terrorist_content',
  source: 'TCAP',
};
const draft: ReviewDraft = {
  ...emptyDraft('en'),
  category: 'terrorist_content',
  tcoType: 'incitement',
  exemptionApplies: false,
  exemptionReasoning: 'Shared to recruit; no news or research purpose.',
  suggestedAction: 'remove',
  rationale: 'A banked call to arms, lightly edited.',
};
const build = async (subject: ReturnType<typeof matchedText>) =>
  buildSubmission(subject, draft, {
    site: '127.0.0.1',
    excerptSha256: await sha256Hex(subject.text.slice(0, MAX_EXCERPT_CHARS)),
    reviewedAt: '2026-12-07T05:01:00Z',
  });

describe('a matched text as a review subject', () => {
  it('becomes a hash-match report carrying the text’s signal and the match that found it', async () => {
    const subject = matchedText(match, 'http://127.0.0.1:43800/known.html', '2026-12-07T05:00:00Z');
    expect(isFlag(subject)).toBe(false);
    const built = await build(subject);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(ReportSubmission.parse(built.submission)).toEqual(built.submission);
    expect(built.submission).toMatchObject({
      detectedBy: 'hash_match',
      classifier: null,
      content: {
        url: 'http://127.0.0.1:43800/known.html',
        excerpt: text,
        contentType: 'text',
        signals: [{ type: 'text', value: textSignal(text) }],
        textMatch: { bank: 'tcap', distance: 9 },
      },
    });
    expect(built.submission.content.media).toBeUndefined();
  });

  it('signs the excerpt it sends: a block over the excerpt limit carries the signal of the cut text', async () => {
    const long = `${text} `.repeat(Math.ceil(MAX_EXCERPT_CHARS / text.length) + 5);
    const built = await build(
      matchedText({ ...match, text: long }, 'http://x.test/', '2026-12-07T05:00:00Z'),
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const cut = long.slice(0, MAX_EXCERPT_CHARS);
    expect(built.submission.content.excerpt).toBe(cut);
    expect(built.submission.content.signals).toEqual([{ type: 'text', value: textSignal(cut) }]);
  });

  it('names the match’s distance when it is beyond what a text match can be', async () => {
    const built = await build(
      matchedText({ ...match, distance: 30 }, 'http://x.test/', '2026-12-07T05:00:00Z'),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.map((i) => i.path)).toEqual(['content.textMatch.distance']);
  });
});
