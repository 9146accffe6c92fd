/**
 * What the extension and the console share: the taxonomy's choices bound to
 * `@counterweight/shared/taxonomy`, and content rendered as text. Imported by both as
 * `@counterweight/ui/taxonomy`; nothing here imports from either of them.
 */
export { EXEMPTION_RULES_OUT_REMOVAL, unavailableAction } from './action-availability';
export { TARGETED_GROUPS } from './entries';
export { ExcerptText } from './excerpt-text';
export { ExemptionChecklist } from './exemption-checklist';
export { TaxonomyOptions, TaxonomyRadios } from './taxonomy-choices';
