import { describe, expect, it } from 'vitest';
import { DecisionSubmission } from './decision';
import { personalDataIn, tdbProblems, type TdbStatement } from './tdb-rules';

const VALID: TdbStatement = {
  decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
  decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
  illegal_content_legal_ground: 'Art. 2(7)(a) Regulation (EU) 2021/784',
  illegal_content_explanation: 'Glorifies a terrorist attack.',
  content_type: ['CONTENT_TYPE_TEXT'],
  category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  category_specification: ['KEYWORD_TERRORIST_CONTENT'],
  content_date: '2026-11-22',
  application_date: '2026-11-23',
  decision_facts: 'Post of 22 November 2026 praising the perpetrators.',
  source_type: 'SOURCE_VOLUNTARY',
  automated_detection: 'No',
  automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  puid: 'a1b2-c3',
};

const fields = (statement: TdbStatement) => tdbProblems(statement).map((p) => p.field);

describe('the Transparency Database v2 rules', () => {
  it('takes a complete statement', () => {
    expect(tdbProblems(VALID)).toEqual([]);
  });

  it('requires the fields of the decision ground', () => {
    const { illegal_content_explanation: _, ...noExplanation } = VALID;
    expect(fields(noExplanation)).toEqual(['illegal_content_explanation']);
    expect(fields({ ...VALID, decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT' })).toEqual([
      'incompatible_content_ground',
      'incompatible_content_explanation',
      'incompatible_content_illegal',
    ]);
  });

  it('refuses values off the lists, over-long text, bad dates and puids', () => {
    expect(fields({ ...VALID, category: 'STATEMENT_CATEGORY_TERRORISM' })).toEqual(['category']);
    expect(fields({ ...VALID, category_specification: ['KEYWORD_BAD'] })).toEqual([
      'category_specification',
    ]);
    expect(fields({ ...VALID, illegal_content_legal_ground: 'x'.repeat(501) })).toEqual([
      'illegal_content_legal_ground',
    ]);
    expect(fields({ ...VALID, illegal_content_explanation: 'x'.repeat(2001) })).toEqual([
      'illegal_content_explanation',
    ]);
    expect(fields({ ...VALID, decision_facts: 'x'.repeat(5001) })).toEqual(['decision_facts']);
    expect(fields({ ...VALID, decision_facts: 'x'.repeat(5000) })).toEqual([]);
    expect(fields({ ...VALID, content_date: '22/11/2026' })).toEqual(['content_date']);
    expect(fields({ ...VALID, puid: 'a b' })).toEqual(['puid']);
    expect(fields({ ...VALID, decision_visibility: [] })).toEqual(['decision_visibility']);
    expect(fields({ ...VALID, x_case_reference: 'CW-1' })).toEqual(['x_case_reference']);
  });

  it('finds e-mail addresses, phone numbers and URLs with user paths, not citations or dates', () => {
    for (const text of [
      'write to jane.doe@example.org',
      'call +49 30 1234 5678',
      'call 0049 (30) 123-45678',
      'phone:030 1234 5678',
      'reach me at 0301234567',
      'see https://social.example/@jane/123',
      'see https://video.example/user/jdoe',
      'see https://forum.example/profile/88',
      'see https://site.example/show?id=4411',
    ])
      expect(personalDataIn(text), text).not.toBeNull();
    for (const text of [
      'Art. 2(7)(a) Regulation (EU) 2021/784; § 129a StGB',
      'Post of 2026-11-22 with 1,234 shares',
      'see https://news.example/2026/11/22/attack-report',
      'file 4 Js 123/26',
      'Removal order BKA-TCO-2026-000123 of the Bundeskriminalamt',
      'reference TCO/2026/0001234',
    ])
      expect(personalDataIn(text), text).toBeNull();
  });

  it('refuses personal data in a decision’s free text, naming the field', () => {
    const base = {
      ground: {
        type: 'illegal_content',
        legalReference: 'Art. 2(7)(a) Regulation (EU) 2021/784',
        explanation: 'Glorifies an attack.',
      },
      category: 'terrorist_content',
      tcoType: 'incitement',
      exemption: { applies: false, exemptions: [], reasoning: 'No protected purpose.' },
      action: 'remove',
      facts: 'Posted by jane.doe@example.org',
    };
    const result = DecisionSubmission.safeParse(base);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['facts']);
  });
});
