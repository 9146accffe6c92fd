import type { OrderStatus } from '@counterweight/shared';
import { isoSql } from '../db/db';

/** Columns that make an `Order`, in the shape {@link orderFromRow} reads. */
export const ORDER_COLUMNS = `id::text AS id, reference, issuing_authority, member_state, content_url,
  url_sha256, tco_type, reasons, legal_basis, ${isoSql('issued_at')} AS issued_at,
  ${isoSql('confidential_until')} AS confidential_until, redress, received_by::text AS received_by,
  ${isoSql('received_at')} AS received_at, ${isoSql('deadline')} AS deadline, status,
  ${isoSql('decided_at')} AS decided_at, outcome, ${isoSql('effective_at')} AS effective_at,
  annex_iii_reason, explanation, ${isoSql('reinstated_at')} AS reinstated_at, reinstated_by`;

export interface OrderRow {
  id: string;
  reference: string;
  issuing_authority: string;
  member_state: string;
  content_url: string;
  url_sha256: string;
  tco_type: string;
  reasons: string;
  legal_basis: string;
  issued_at: string;
  confidential_until: string | null;
  redress: string;
  received_by: string;
  received_at: string;
  deadline: string;
  status: OrderStatus;
  decided_at: string | null;
  outcome: string | null;
  effective_at: string | null;
  annex_iii_reason: string | null;
  explanation: string | null;
  reinstated_at: string | null;
  reinstated_by: string | null;
}
