import { StatementOfReasons, type TcoType } from '@counterweight/shared';
import type { OrderRow } from './order-row';

const LETTER: Record<TcoType, string> = {
  incitement: 'a',
  solicitation: 'b',
  participation: 'c',
  instruction: 'd',
  threat: 'e',
};

const ymd = (iso: string) => iso.slice(0, 10);
const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * The statement of reasons of an executed removal order, in the Transparency Database's fields:
 * illegal content, terrorist content under Regulation (EU) 2021/784, naming the issuing authority
 * and the order's reference; the source is the authority's order. The authority's own reasons stay
 * out of it (they may name people): they go to the content provider in the notice.
 * `content_date` is the order's date of issue, the latest the content can have been posted.
 */
export function orderStatement(row: OrderRow, appealDeadline: string): StatementOfReasons {
  const letter = LETTER[row.tco_type as TcoType];
  return StatementOfReasons.parse({
    decision_visibility: [
      row.outcome === 'disabled'
        ? 'DECISION_VISIBILITY_CONTENT_DISABLED'
        : 'DECISION_VISIBILITY_CONTENT_REMOVED',
    ],
    decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
    illegal_content_legal_ground: cut(
      `Regulation (EU) 2021/784 Art. 3 (removal order), Art. 2(7)(${letter}); ${row.legal_basis}`,
      500,
    ),
    illegal_content_explanation: cut(
      `Terrorist content removed on removal order ${row.reference} of ${row.issuing_authority} (${row.member_state}), received ${row.received_at}.`,
      2000,
    ),
    content_type: ['CONTENT_TYPE_OTHER'],
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    category_specification: ['KEYWORD_TERRORIST_CONTENT'],
    content_date: ymd(row.issued_at),
    application_date: ymd(row.effective_at!),
    decision_facts:
      'A competent authority of a Member State ordered the content removed or disabled under Regulation (EU) 2021/784; the order was executed.',
    source_type: 'SOURCE_TYPE_OTHER_NOTIFICATION',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    puid: row.id,
    x_case_reference: row.reference,
    x_decision_id: row.id,
    x_policy_category: 'terrorist_content',
    x_tco_type: row.tco_type,
    x_exemption_applied: false,
    x_exemptions: [],
    x_action: row.outcome === 'disabled' ? 'disable' : 'remove',
    x_escalated_threat_to_life: false,
    x_appeal: { token: null, deadline: appealDeadline, endpoint: '/v1/appeals' },
    x_amended_by_appeal: null,
  });
}
