import { describe, expect, it } from 'vitest';
import { ReportSubmission } from '@counterweight/shared';
import type { PageFlag } from '../../page/page-flag';
import {
  buildSubmission,
  emptyDraft,
  isSelection,
  pageLanguage,
  type ReviewDraft,
} from '../review-draft';
import { sha256Hex } from '../sha256';
import { selectedText } from '../selected-text';

const flag: PageFlag = {
  flagId: 'f1',
  text: 'Join the fighters and strike them at the festival next week.',
  decision: 'flag',
  label: 'extremist',
  scores: { hate: 0.2, extremist: 0.93 },
  evidence: ['fighters', 'strike'],
  modelVersion: 'cw-1',
  language: 'en',
  url: 'http://127.0.0.1:43001/violating.html',
  capturedAt: '2026-11-22T14:00:00.000Z',
  occurrences: 1,
  reported: false,
};

const filled: ReviewDraft = {
  ...emptyDraft('en-GB'),
  category: 'terrorist_content',
  tcoType: 'threat',
  exemptionApplies: false,
  exemptionReasoning: 'No journalistic, research or counter-speech purpose is apparent.',
  suggestedAction: 'remove',
  rationale: 'Announces an attack on a named event.',
};

describe('buildSubmission', () => {
  it('builds a submission the shared schema accepts, with the excerpt hash and the classifier signals', async () => {
    const excerptSha256 = await sha256Hex(flag.text);
    const built = buildSubmission(flag, filled, {
      site: '127.0.0.1',
      excerptSha256,
      reviewedAt: '2026-11-22T14:05:00.000Z',
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(ReportSubmission.parse(built.submission)).toEqual(built.submission);
    expect(built.submission.content).toMatchObject({
      excerpt: flag.text,
      excerptSha256,
      language: 'en',
      site: '127.0.0.1',
    });
    expect(built.submission.classifier).toMatchObject({ modelVersion: 'cw-1', label: 'extremist' });
    expect(built.submission.attestation.humanReviewed).toBe(true);
  });

  it('refuses an unanswered exemption question and names each missing field', () => {
    const built = buildSubmission(flag, emptyDraft(null), {
      site: 's',
      excerptSha256: 'a'.repeat(64),
      reviewedAt: '2026-11-22T14:05:00.000Z',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const paths = built.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'assessment.exemption.applies',
        'assessment.category',
        'assessment.suggestedAction',
        'assessment.rationale',
        'content.language',
      ]),
    );
  });

  it('an exemption that applies rules out removal; terrorist content needs its TCO type', () => {
    const ctx = {
      site: 's',
      excerptSha256: 'a'.repeat(64),
      reviewedAt: '2026-11-22T14:05:00.000Z',
    };
    const exempt = buildSubmission(
      flag,
      { ...filled, exemptionApplies: true, exemptions: ['journalistic'] },
      ctx,
    );
    expect(exempt.ok || exempt.issues.map((i) => i.path)).toEqual(['assessment.suggestedAction']);
    const noType = buildSubmission(flag, { ...filled, tcoType: '' }, ctx);
    expect(noType.ok || noType.issues.map((i) => i.path)).toEqual(['assessment.tcoType']);
  });

  it('reads the page language as ISO 639-1', () => {
    expect(pageLanguage('de-AT')).toBe('de');
    expect(pageLanguage('')).toBeNull();
    expect(pageLanguage(undefined)).toBeNull();
  });

  it('a selection in any language: detectedBy reviewer, no classifier signals, its language', async () => {
    const text = 'Alle Ausländer sind Ungeziefer und gehören sofort aus dem Land gejagt.';
    const selection = selectedText(
      { text, url: 'http://127.0.0.1:43001/languages.html', capturedAt: flag.capturedAt, tabId: 3 },
      'de',
    );
    expect(isSelection(selection)).toBe(true);
    expect(isSelection(flag)).toBe(false);
    const built = buildSubmission(
      selection,
      { ...filled, language: 'de' },
      {
        site: '127.0.0.1',
        excerptSha256: await sha256Hex(text),
        reviewedAt: '2026-11-22T14:05:00.000Z',
      },
    );
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(ReportSubmission.parse(built.submission)).toEqual(built.submission);
    expect(built.submission).toMatchObject({
      detectedBy: 'reviewer',
      classifier: null,
      content: { excerpt: text, language: 'de', url: selection.url },
    });
  });
});
