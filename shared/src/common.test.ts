import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { refuseUnstorableStrings, storable, storedText, unstorableText } from './common';
import { ReportSubmission } from './report';

describe('text the database can store', () => {
  it('refuses NUL and unpaired surrogates, naming the first and where', () => {
    expect(unstorableText('plain, é, 😀, \u200b, \uffff, \u{10ffff}')).toBeNull();
    expect(unstorableText('ab\u0000c')).toBe(
      'contains a NUL character (U+0000) at position 2, which cannot be stored',
    );
    expect(unstorableText('\ud800')).toMatch(/unpaired surrogate \(U\+D800\) at position 0/);
    expect(unstorableText('x\udc00')).toMatch(/U\+DC00\) at position 1/);
    expect(unstorableText('\udc00\ud800')).toMatch(/U\+DC00\) at position 0/); // reversed pair
    expect(unstorableText('😀\ud83d')).toMatch(/U\+D83D\) at position 2/);
    expect(unstorableText('\\u0000')).toBeNull(); // the six characters, not a NUL
  });

  it('is a check on stored string fields, kept through trim and length checks', () => {
    const Field = z.strictObject({ note: storedText().trim().min(1).max(10) });
    expect(Field.parse({ note: '  ok  ' })).toEqual({ note: 'ok' });
    const refused = Field.safeParse({ note: 'a\u0000' });
    expect(refused.error?.issues).toMatchObject([{ path: ['note'], code: 'custom' }]);
    const Url = storable(z.url()).max(100);
    expect(Url.safeParse('https://a.example/\u0000').success).toBe(false);
    expect(Url.safeParse('https://a.example/\ud800').success).toBe(false);
    expect(Url.safeParse('https://a.example/é').success).toBe(true);
  });

  it('walks nested JSON for fields built without it', () => {
    const Any = z.unknown().superRefine(refuseUnstorableStrings);
    const issues = Any.safeParse({ a: ['ok', 'x\u0000'], b: { 'k\ud800': 1 } }).error?.issues;
    expect(issues?.map((i) => i.path)).toEqual([
      ['a', 1],
      ['b', 'k\ud800'],
    ]);
  });

  it('covers the classifier signals of a report', () => {
    const base = {
      content: {
        url: 'https://a.example/p',
        excerpt: 'e',
        excerptSha256: '0'.repeat(64),
        language: 'en',
        site: 'a.example',
        contentType: 'text',
        capturedAt: '2026-11-22T13:58:00Z',
      },
      detectedBy: 'classifier',
      classifier: {
        modelVersion: 'm\u0000',
        decision: 'flag',
        label: 'hate',
        scores: { hate: 0.9, extremist: 0.1 },
        evidence: ['ok', '\udfff'],
      },
      assessment: {
        category: 'hate_speech',
        protectedCharacteristic: 'religion',
        exemption: { applies: false, exemptions: [], reasoning: 'r' },
        suggestedAction: 'label',
        rationale: 'r',
      },
      attestation: { humanReviewed: true, reviewedAt: '2026-11-22T14:00:00Z' },
    };
    const paths = ReportSubmission.safeParse(base).error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['classifier.modelVersion', 'classifier.evidence.1']);
  });
});
