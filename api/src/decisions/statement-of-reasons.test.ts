import { randomUUID } from 'node:crypto';
import {
  ACTION_IDS,
  CONTENT_TYPE_IDS,
  type Decision,
  POLICY_CATEGORY_IDS,
  StatementOfReasons,
} from '@counterweight/shared';
import { describe, expect, it } from 'vitest';
import {
  appealDeadline,
  buildStatement,
  CATEGORY_MAPPING,
  NO_ACTION_EXPLANATION,
  VISIBILITY_MAPPING,
} from './statement-of-reasons';

const decision = (overrides: Partial<Decision> = {}): Decision => ({
  id: randomUUID(),
  reportId: randomUUID(),
  caseNumber: 'CW-000042',
  decidedAt: '2026-11-22T14:00:00.000Z',
  ground: {
    type: 'illegal_content',
    legalReference: 'Art. 2(7)(e) Regulation (EU) 2021/784',
    explanation: 'A threat to attack a venue.',
  },
  category: 'terrorist_content',
  tcoType: 'threat',
  exemption: { applies: false, exemptions: [], reasoning: 'No exempt purpose.' },
  action: 'remove',
  escalateThreatToLife: true,
  facts: 'A post announcing an attack.',
  automatedDetection: false,
  ...overrides,
});
const content = {
  contentType: 'text' as const,
  language: 'de',
  capturedAt: '2026-11-20T23:59:59+02:00',
};

describe('buildStatement', () => {
  it('fills the DSA Transparency Database fields of an illegal-content removal', () => {
    const d = decision();
    const s = StatementOfReasons.parse(buildStatement(d, content, null));
    expect(s).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Art. 2(7)(e) Regulation (EU) 2021/784',
      illegal_content_explanation: 'A threat to attack a venue.',
      content_type: ['CONTENT_TYPE_TEXT'],
      category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
      category_specification: ['KEYWORD_TERRORIST_CONTENT'],
      content_language: 'DE',
      content_date: '2026-11-20',
      application_date: '2026-11-22',
      source_type: 'SOURCE_VOLUNTARY',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: d.reportId,
      x_case_reference: 'CW-000042',
      x_tco_type: 'threat',
      x_appeal: { token: null, deadline: '2027-05-22T14:00:00.000Z', endpoint: '/v1/appeals' },
      x_amended_by_appeal: null,
    });
    expect(s.incompatible_content_ground).toBeUndefined();
  });

  it('fills the incompatible-content fields and says whether it is also illegal', () => {
    const s = buildStatement(
      decision({
        ground: {
          type: 'incompatible_content',
          termsReference: 'Community Guidelines §4',
          explanation: 'Hateful conduct.',
          alsoIllegal: false,
        },
        category: 'hate_speech',
        tcoType: undefined,
        protectedCharacteristic: 'religion',
        action: 'demote',
        automatedDetection: true,
      }),
      content,
      'cwa_token',
    );
    expect(s).toMatchObject({
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_ground: 'Community Guidelines §4',
      incompatible_content_explanation: 'Hateful conduct.',
      incompatible_content_illegal: 'No',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      category_specification: ['KEYWORD_HATE_SPEECH'],
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_DEMOTED'],
      automated_detection: 'Yes',
      x_appeal: { token: 'cwa_token' },
    });
    expect(s.illegal_content_legal_ground).toBeUndefined();
  });

  it('records "no action" as DECISION_VISIBILITY_OTHER with an explanation, and territories for disabling', () => {
    const none = buildStatement(decision({ action: 'no_action' }), content, null);
    expect(none.decision_visibility).toEqual(['DECISION_VISIBILITY_OTHER']);
    expect(none.decision_visibility_other).toBe(NO_ACTION_EXPLANATION);
    const disabled = buildStatement(
      decision({ action: 'disable_in_territory', territorialScope: ['DE', 'AT'] }),
      content,
      null,
    );
    expect(disabled.decision_visibility).toEqual(['DECISION_VISIBILITY_CONTENT_DISABLED']);
    expect(disabled.territorial_scope).toEqual(['DE', 'AT']);
  });

  it('maps every category, action and content type to a valid statement', () => {
    for (const category of POLICY_CATEGORY_IDS)
      for (const action of ACTION_IDS)
        for (const contentType of CONTENT_TYPE_IDS) {
          const d = decision({
            category,
            tcoType: category === 'terrorist_content' ? 'incitement' : undefined,
            protectedCharacteristic: category === 'hate_speech' ? 'race' : undefined,
            action,
            territorialScope: action === 'disable_in_territory' ? ['FR'] : undefined,
          });
          const s = StatementOfReasons.parse(buildStatement(d, { ...content, contentType }, null));
          expect(s.category).toBe(CATEGORY_MAPPING[category].category);
          expect(s.decision_visibility).toEqual([VISIBILITY_MAPPING[action]]);
          expect(s.content_type).toEqual([`CONTENT_TYPE_${contentType.toUpperCase()}`]);
        }
  });

  it('puts the appeal deadline six calendar months after the decision', () => {
    expect(appealDeadline('2026-01-31T10:00:00.000Z')).toBe('2026-07-31T10:00:00.000Z');
    expect(appealDeadline('2026-08-15T00:00:00.000Z')).toBe('2027-02-15T00:00:00.000Z');
  });
});
