import {
  DECISION_REDRESS,
  ProviderNotice,
  StatementOfReasons,
  type ProviderNoticeKind,
} from '@counterweight/shared';
import type { ClaimedNotice } from './notice-store';

/**
 * The body posted for a claimed notice: the statement of reasons as it stands now (amended, if an
 * appeal changed it), with the appeal token in `x_appeal.token` and in `appeal`; for an order the
 * authority's reasons and redress, for a decision the platform's routes of redress; the content's
 * URL. A notice that can no longer be made (the report's content was purged before it went out)
 * gives the reason instead.
 */
export function noticePayload(
  row: ClaimedNotice,
): { notice: ProviderNotice } | { problem: string } {
  if (row.body === null) return { problem: 'no statement of reasons to send' };
  if (row.content_url === null)
    return {
      problem: 'the content was purged before the notice went out: no URL to find its provider',
    };
  if (row.appeal_token === null) return { problem: 'no appeal token to send' };
  const statement = StatementOfReasons.parse(row.body);
  const kind: ProviderNoticeKind = row.kind;
  const appeal = { endpoint: statement.x_appeal.endpoint, token: row.appeal_token };
  return {
    notice: ProviderNotice.parse({
      event: 'provider_notice',
      noticeId: row.id,
      kind,
      statement: { ...statement, x_appeal: { ...statement.x_appeal, token: row.appeal_token } },
      ...(kind === 'removal_order' ? { authorityReasons: row.authority_reasons ?? '' } : {}),
      redress: kind === 'removal_order' ? (row.order_redress ?? '') : DECISION_REDRESS,
      appeal,
      contentUrl: row.content_url,
    }),
  };
}
