import type { StatementOfReasons } from '@counterweight/shared/statement';

/** Plain-language names of the statement's fields, in the order a reader wants them. */
const FIELDS: [keyof StatementOfReasons | string, string][] = [
  ['x_case_reference', 'Case'],
  ['decision_visibility', 'Restriction'],
  ['decision_visibility_other', 'Restriction explained'],
  ['territorial_scope', 'Territories'],
  ['decision_ground', 'Ground'],
  ['illegal_content_legal_ground', 'Legal ground'],
  ['illegal_content_explanation', 'Why it is illegal'],
  ['incompatible_content_ground', 'Terms of service ground'],
  ['incompatible_content_explanation', 'Why it breaks the terms'],
  ['incompatible_content_illegal', 'Also illegal'],
  ['category', 'Category'],
  ['category_specification', 'Keywords'],
  ['decision_facts', 'Facts relied on'],
  ['content_type', 'Content type'],
  ['content_language', 'Language'],
  ['content_date', 'Content date'],
  ['application_date', 'Decision date'],
  ['source_type', 'How it was found'],
  ['automated_detection', 'Detected automatically'],
  ['automated_decision', 'Decided automatically'],
  ['x_exemption_applied', 'Art. 1(3) exemption applies'],
  ['x_exemptions', 'Exemptions'],
  ['x_action', 'Action'],
  ['x_amended_by_appeal', 'Amended by appeal'],
  ['x_appeal_outcome', 'Appeal outcome'],
  ['x_appeal_reasons', 'Appeal reasons'],
  ['puid', 'Content id'],
  ['x_decision_id', 'Decision id'],
];

const show = (value: unknown): string =>
  Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : String(value);

/**
 * A statement of reasons as the content provider receives it: every published field, with its
 * plain-language name, and the exact JSON beneath. All text is rendered as text.
 */
export function StatementView({ statement }: { statement: StatementOfReasons }) {
  const record = statement as unknown as Record<string, unknown>;
  return (
    <div className="statement">
      <dl>
        {FIELDS.filter(([key]) => record[key] !== undefined && record[key] !== null).map(
          ([key, label]) => (
            <div key={key} className="field">
              <dt>{label}</dt>
              <dd data-field={key}>{show(record[key])}</dd>
            </div>
          ),
        )}
      </dl>
      <details>
        <summary>Exact statement (DSA Transparency Database JSON)</summary>
        <pre data-testid="statement-json">{JSON.stringify(statement, null, 2)}</pre>
      </details>
    </div>
  );
}
