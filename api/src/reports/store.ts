import { Report, type ReportStatus } from '@counterweight/shared';
import { isoSql, type Queryable } from '../db/db';

/** Columns that make a `Report`, in the shape {@link reportFromRow} reads. */
export const REPORT_COLUMNS = `id::text AS id, case_number, status, ${isoSql('received_at')} AS received_at,
  content, detected_by, classifier, assessment, attestation, decision_id::text AS decision_id,
  submitted_by::text AS submitted_by, case_seq::text AS case_seq, priority,
  (SELECT jsonb_build_object('mediaType', s.media_type, 'sha256', s.sha256, 'bytes', s.bytes)
   FROM report_screenshots s WHERE s.report_id = reports.id) AS screenshot`;

export interface ReportRow {
  id: string;
  case_number: string;
  status: ReportStatus;
  received_at: string;
  content: unknown;
  detected_by: string;
  classifier: unknown;
  assessment: unknown;
  attestation: unknown;
  decision_id: string | null;
  submitted_by: string;
  case_seq: string;
  priority: number;
  screenshot: unknown;
}

/** Parses a stored row into the wire `Report` (storage reads are a boundary too). */
export function reportFromRow(row: ReportRow): Report {
  return Report.parse({
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    receivedAt: row.received_at,
    content: row.content,
    detectedBy: row.detected_by,
    classifier: row.classifier,
    assessment: row.assessment,
    attestation: row.attestation,
    decisionId: row.decision_id,
    screenshot: row.screenshot ?? null,
  });
}

/** The case number shown to people, from the report's sequence number. */
export function caseNumberOf(seq: number): string {
  return `CW-${String(seq).padStart(6, '0')}`;
}

/** {@link caseNumberOf} in SQL, of the bigint expression `seq` (for numbers the database gives). */
export function caseNumberSql(seq: string): string {
  return `'CW-' || CASE WHEN (${seq}) < 1000000 THEN lpad((${seq})::text, 6, '0') ELSE (${seq})::text END`;
}

/** One report by id, or null. */
export async function findReport(db: Queryable, id: string): Promise<ReportRow | null> {
  const [row] = await db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE id = $1`, [
    id,
  ]);
  return row ?? null;
}

/** Reports by id, in no particular order. */
export async function findReports(db: Queryable, ids: readonly string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM reports
     WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(ids)],
  );
}
