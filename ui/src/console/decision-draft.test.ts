import { DecisionSubmission } from '@counterweight/shared/decision';
import { describe, expect, it } from 'vitest';
import { draftFrom, submissionOf, withExemption, type DecisionDraft } from './decision-draft';
import { checkDraft, FRIENDLY } from './draft-check';

const assessment = {
  category: 'terrorist_content' as const,
  tcoType: 'incitement' as const,
  exemption: { applies: false, exemptions: [], reasoning: 'No protected purpose.' },
  suggestedAction: 'remove' as const,
  threatToLife: true,
  rationale: 'r',
};
const complete = (patch: Partial<DecisionDraft> = {}): DecisionDraft => ({
  ...draftFrom(assessment),
  reference: 'Art. 2(7)(a) Regulation (EU) 2021/784',
  explanation: 'Glorifies the attack.',
  facts: 'The post praises the perpetrators.',
  ...patch,
});

describe('the decision draft', () => {
  it('starts from the assessment and makes a body the API takes', () => {
    const draft = complete();
    expect(draft).toMatchObject({
      category: 'terrorist_content',
      tcoType: 'incitement',
      action: 'remove',
    });
    const result = checkDraft(draft);
    expect(result.ok).toBe(true);
    expect(DecisionSubmission.parse(submissionOf(draft))).toMatchObject({
      ground: { type: 'illegal_content', legalReference: 'Art. 2(7)(a) Regulation (EU) 2021/784' },
      escalateThreatToLife: true,
    });
  });

  it('names each missing field in words a reviewer reads', () => {
    const result = checkDraft(draftFrom(assessment));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['ground.legalReference']).toBe(FRIENDLY['ground.legalReference']);
    expect(result.errors['ground.explanation']).toBe(FRIENDLY['ground.explanation']);
    expect(result.errors.facts).toBe(FRIENDLY.facts);
  });

  it('refuses removal with an exemption, and disabling without territories, at their fields', () => {
    const exempt = checkDraft(
      complete({ exemptionApplies: true, exemptions: ['journalistic'], action: 'remove' }),
    );
    expect(exempt.ok || exempt.errors.action).toBe(FRIENDLY.action);
    const noPlace = checkDraft(complete({ action: 'disable_in_territory', territories: '' }));
    expect(noPlace.ok || noPlace.errors.territorialScope).toBe(FRIENDLY.territorialScope);
    const bad = checkDraft(complete({ action: 'disable_in_territory', territories: 'de, France' }));
    expect(bad.ok || bad.errors.territorialScope).toBe(FRIENDLY.territorialScope);
    expect(checkDraft(complete({ action: 'disable_in_territory', territories: 'de, fr' })).ok).toBe(
      true,
    );
  });

  it('clears an action an exemption rules out when the exemption starts to apply, and only then', () => {
    for (const action of ['remove', 'disable_in_territory'])
      expect(withExemption(complete({ action }), true)).toMatchObject({
        exemptionApplies: true,
        action: '',
      });
    expect(withExemption(complete({ action: 'label' }), true)).toMatchObject({
      exemptionApplies: true,
      action: 'label',
    });
    expect(withExemption(complete({ exemptionApplies: true, action: 'label' }), false)).toEqual(
      complete({ exemptionApplies: false, action: 'label' }),
    );
    expect(withExemption(complete({ action: 'remove' }), false).action).toBe('remove');
    // a cleared action is named at its field, not sent
    const cleared = checkDraft(withExemption(complete({ exemptions: ['journalistic'] }), true));
    expect(cleared.ok || cleared.errors.action).toBeTruthy();
  });

  it('asks for the TCO type only with terrorist content', () => {
    const missing = checkDraft(complete({ tcoType: '' }));
    expect(missing.ok || missing.errors.tcoType).toBe(FRIENDLY.tcoType);
    expect(checkDraft(complete({ category: 'violent_extremism', tcoType: 'incitement' })).ok).toBe(
      true,
    );
  });
});
