import {
  DSA_AUTOMATED_DECISION,
  DSA_CATEGORIES,
  DSA_CONTENT_TYPES,
  DSA_DECISION_GROUNDS,
  DSA_KEYWORDS,
  DSA_SOURCE_TYPES,
  DSA_VISIBILITY,
  type StatementOfReasons,
} from './statement';

/**
 * The DSA Transparency Database's v2 rules for one statement of reasons, as its API
 * documentation states them (digital-services-act/transparency-database), checked before a
 * statement is sent and by the local stand-in of the database. Only the rules for the fields
 * Counterweight writes are here; a field we never write is refused as unknown.
 */

/** What is sent: the statement without Counterweight's own `x_` fields. */
export type TdbStatement = Record<string, unknown>;

/** The most statements one `POST /api/v1/statements` may carry. */
export const TDB_MAX_BATCH = 100;

/** A rule a statement broke, with the field it concerns. */
export interface TdbProblem {
  field: string;
  message: string;
}

/** The statement as the database takes it: every `x_` field removed. */
export function tdbStatement(statement: StatementOfReasons): TdbStatement {
  return Object.fromEntries(Object.entries(statement).filter(([key]) => !key.startsWith('x_')));
}

const MAX_LENGTH: Record<string, number> = {
  illegal_content_legal_ground: 500,
  illegal_content_explanation: 2000,
  incompatible_content_ground: 500,
  incompatible_content_explanation: 2000,
  decision_facts: 5000,
  decision_visibility_other: 500,
  puid: 500,
};

const ENUMS: Record<string, readonly string[]> = {
  decision_ground: DSA_DECISION_GROUNDS,
  category: DSA_CATEGORIES,
  source_type: DSA_SOURCE_TYPES,
  automated_decision: DSA_AUTOMATED_DECISION,
  automated_detection: ['Yes', 'No'],
  incompatible_content_illegal: ['Yes', 'No'],
};

const ENUM_ARRAYS: Record<string, readonly string[]> = {
  content_type: DSA_CONTENT_TYPES,
  category_specification: DSA_KEYWORDS,
  decision_visibility: DSA_VISIBILITY,
};

const ALWAYS_REQUIRED = [
  'decision_ground',
  'content_type',
  'category',
  'content_date',
  'application_date',
  'decision_facts',
  'source_type',
  'automated_detection',
  'automated_decision',
  'puid',
];

const REQUIRED_BY_GROUND: Record<string, string[]> = {
  DECISION_GROUND_ILLEGAL_CONTENT: ['illegal_content_legal_ground', 'illegal_content_explanation'],
  DECISION_GROUND_INCOMPATIBLE_CONTENT: [
    'incompatible_content_ground',
    'incompatible_content_explanation',
    'incompatible_content_illegal',
  ],
};

const DECISIONS = [
  'decision_visibility',
  'decision_monetary',
  'decision_provision',
  'decision_account',
];

const KNOWN = new Set([
  ...ALWAYS_REQUIRED,
  ...Object.keys(MAX_LENGTH),
  ...Object.keys(ENUM_ARRAYS),
  ...DECISIONS,
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'incompatible_content_illegal',
  'end_date_visibility_restriction',
  'decision_ground_reference_url',
  'territorial_scope',
  'content_language',
]);

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const PUID = /^[A-Za-z0-9\-_]+$/;

const missing = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** Every v2 rule `statement` breaks (empty when the database would take it). */
export function tdbProblems(statement: TdbStatement): TdbProblem[] {
  const problems: TdbProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  for (const field of Object.keys(statement))
    if (!KNOWN.has(field)) add(field, 'not a field of the statement of reasons');
  const ground = statement.decision_ground as string;
  for (const field of [...ALWAYS_REQUIRED, ...(REQUIRED_BY_GROUND[ground] ?? [])])
    if (missing(statement[field])) add(field, 'required');
  if (DECISIONS.every((field) => missing(statement[field])))
    add('decision_visibility', 'at least one of the decision fields is required');
  for (const [field, values] of Object.entries(ENUMS)) {
    const value = statement[field];
    if (value !== undefined && !values.includes(value as string))
      add(field, `not one of ${values.join(', ')}`);
  }
  for (const [field, values] of Object.entries(ENUM_ARRAYS)) {
    const value = statement[field];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((item) => !values.includes(item as string)))
      add(field, `expected an array of ${values.join(', ')}`);
  }
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    const value = statement[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > max))
      add(field, `expected text of at most ${max} characters`);
  }
  for (const field of ['content_date', 'application_date', 'end_date_visibility_restriction']) {
    const value = statement[field];
    if (value !== undefined && (typeof value !== 'string' || !YMD.test(value)))
      add(field, 'expected a date as Y-m-d');
  }
  if (typeof statement.puid === 'string' && !PUID.test(statement.puid))
    add('puid', 'only letters, digits, - and _');
  for (const field of FREE_TEXT) {
    const value = statement[field];
    const found = typeof value === 'string' ? personalDataIn(value) : null;
    if (found) add(field, found);
  }
  return problems;
}

/** The statement's free-text fields: where personal data could slip in. */
export const FREE_TEXT = [
  'illegal_content_legal_ground',
  'illegal_content_explanation',
  'incompatible_content_ground',
  'incompatible_content_explanation',
  'decision_facts',
  'decision_visibility_other',
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/**
 * A phone number: an optional +, then 8 or more digits with spaces, dots, dashes or brackets; not
 * digits joined to a word or a number before them by a dash, slash or underscore, which make a
 * reference (an order's "BKA-TCO-2026-000123", a file's "TCO/2026/0001234"), not a number to call.
 */
const PHONE = /(?<![A-Za-z0-9][-_/]?)(?:\+|\b00)?\d(?:[\s.\-/()]*\d){7,}/;
const URL = /\bhttps?:\/\/[^\s]+|\bwww\.[^\s]+/gi;
/** URL paths that name a person's account: /user/…, /u/…, /@name, /profile/…, ?id=… */
const USER_PATH =
  /\/(?:@[^/\s]+|u|user|users|profile|profiles|people|channel|c|member|members|account)(?:\/|$)|[?&](?:user|uid|id|profile)=/i;
/** A date or a legal citation is not a phone number: 2026-11-22, Art. 2(7)(a) 2021/784. */
const NOT_PHONE = /^\d{4}[-/]\d{1,3}([-/]\d{1,2})?$/;

/**
 * Why `text` holds personal data the public database must not get (DSA Art. 24(5)): an e-mail
 * address, a phone number or a URL whose path names a user; null when none is found.
 */
export function personalDataIn(text: string): string | null {
  if (EMAIL.test(text)) return 'contains an e-mail address (personal data)';
  for (const url of text.match(URL) ?? [])
    if (USER_PATH.test(url)) return 'contains a URL with a user path (personal data)';
  const phone = PHONE.exec(text.replace(URL, ' '));
  if (phone && !NOT_PHONE.test(phone[0].trim()) && phone[0].replace(/\D/g, '').length >= 8)
    return 'contains a phone number (personal data)';
  return null;
}
