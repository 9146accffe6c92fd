import { REMOVAL_ACTIONS, type Action } from '@counterweight/shared/taxonomy';

/** Why removal and disabling access are not offered when an Art. 1(3) exemption applies. */
export const EXEMPTION_RULES_OUT_REMOVAL = 'not available: an Art. 1(3) exemption applies';

/**
 * For a list of actions (`disabled` of {@link TaxonomyOptions} and {@link TaxonomyRadios}): why
 * action `id` cannot be chosen, or null when it can. With an Art. 1(3) exemption, the content
 * is neither removed nor disabled (the API refuses the combination).
 */
export function unavailableAction(exemptionApplies: boolean): (id: string) => string | null {
  return (id) =>
    exemptionApplies && REMOVAL_ACTIONS.includes(id as Action) ? EXEMPTION_RULES_OUT_REMOVAL : null;
}
