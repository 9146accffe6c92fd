import type { Issue } from './review-draft';

/** What each field of the review form is called, and what to do when it is not right. */
const FIELD_MESSAGES: Record<string, string> = {
  'assessment.category': 'Choose the category this content falls under.',
  'assessment.tcoType': 'Choose which type of terrorist content this is.',
  'assessment.protectedCharacteristic': 'Choose the protected characteristic the hate targets.',
  'assessment.exemption.applies':
    'Say whether an Art. 1(3) exemption applies: it is required for every report.',
  'assessment.exemption.exemptions': 'Tick the purpose (or purposes) the exemption rests on.',
  'assessment.exemption.reasoning':
    'Say in a sentence why the purpose of the dissemination is, or is not, exempt.',
  'assessment.suggestedAction': 'Choose an action from the ladder.',
  'assessment.rationale': 'Write why this content breaks the policy, in your own words.',
  'content.language': 'Enter the two-letter code of the language, for example en or de.',
};

/**
 * A form issue in words a reviewer understands, without schema jargon or field paths. Issues of
 * fields the form does not show (the excerpt, the URL) keep the schema's message, prefixed with
 * what they concern.
 */
export function reviewerMessage(issue: Issue): string {
  return (
    FIELD_MESSAGES[issue.path] ??
    `Something in the ${issue.path.split('.')[0] ?? 'report'} is not right: ${issue.message}.`
  );
}
