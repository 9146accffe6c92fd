import { tdbStatement, type StatementOfReasons } from '@counterweight/shared';
import type { Queryable } from '../db/db';
import { amendmentOf, appealStatement } from './amended-statements';
import { enqueue } from './delivery-store';

/**
 * In the appeal decision's transaction, after the statement was amended: notes the amendment on
 * the original statement's delivery row, if it has one yet (a row made later takes the note from
 * the amended statement), and enqueues the statement of a new restriction under its own puid
 * (see `amended-statements.ts`). Returns that puid, or null when the appeal restricted nothing.
 */
export async function deliverAppealOutcome(
  tx: Queryable,
  amended: StatementOfReasons,
): Promise<string | null> {
  const note = amendmentOf(amended);
  if (!note) return null;
  await tx.query(`UPDATE tdb_deliveries SET amended_by_appeal = $2::text::jsonb WHERE puid = $1`, [
    amended.puid,
    JSON.stringify(note),
  ]);
  const statement = appealStatement(amended);
  if (!statement || !note.newPuid) return null;
  await enqueue(tx, [
    {
      puid: note.newPuid,
      decisionId: null,
      appealId: note.appealId,
      statement: tdbStatement(statement),
      enqueuedAt: note.amendedAt,
    },
  ]);
  return note.newPuid;
}
