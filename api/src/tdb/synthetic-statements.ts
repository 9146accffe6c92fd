import type { Db } from '../db/db';

/**
 * Enqueues `count` valid statements of reasons for delivery directly, without reports or
 * decisions behind them (puids `{prefix}-0`, `{prefix}-1`…): for the sender's tests and benchmark.
 */
export async function enqueueSyntheticStatements(
  db: Db,
  count: number,
  prefix: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO tdb_deliveries (puid, state, enqueued_at)
       SELECT $2 || '-' || i, 'pending', now() + i * interval '1 microsecond'
       FROM generate_series(0, $1 - 1) AS i`,
      [count, prefix],
    );
    await tx.query(
      `INSERT INTO tdb_statements (puid, body)
       SELECT $2 || '-' || i, jsonb_build_object(
         'decision_visibility', jsonb_build_array('DECISION_VISIBILITY_CONTENT_REMOVED'),
         'decision_ground', 'DECISION_GROUND_ILLEGAL_CONTENT',
         'illegal_content_legal_ground', 'Art. 2(7)(a) Regulation (EU) 2021/784',
         'illegal_content_explanation', 'The post glorifies a terrorist attack.',
         'content_type', jsonb_build_array('CONTENT_TYPE_TEXT'),
         'category', 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
         'category_specification', jsonb_build_array('KEYWORD_TERRORIST_CONTENT'),
         'content_date', '2026-11-22',
         'application_date', '2026-11-23',
         'decision_facts', 'Post praising the perpetrators of an attack.',
         'source_type', 'SOURCE_VOLUNTARY',
         'automated_detection', 'No',
         'automated_decision', 'AUTOMATED_DECISION_NOT_AUTOMATED',
         'puid', $2 || '-' || i)::text
       FROM generate_series(0, $1 - 1) AS i`,
      [count, prefix],
    );
  });
}
