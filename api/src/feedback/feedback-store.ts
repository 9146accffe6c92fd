import type { FalseFlagRates, FeedbackSubmission } from '@counterweight/shared/feedback';
import type { Db } from '../db/db';

/**
 * Adds a batch of feedback counts to the daily aggregates, once: a batch id seen before adds
 * nothing (the sender's retry after a lost answer). One transaction, so a batch is counted whole
 * or not at all. Returns whether it was counted now.
 */
export async function addFeedback(db: Db, batch: FeedbackSubmission, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO feedback_batches (batch_id, received_at) VALUES ($1, $2)
       ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id`,
      [batch.batchId, now.toISOString()],
    );
    if (inserted.length === 0) return false;
    for (const c of batch.counts)
      await tx.query(
        `INSERT INTO feedback_counts
           (day, outcome, label, decision, score_bucket, model_version, language, count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (day, outcome, label, decision, score_bucket, model_version, language)
         DO UPDATE SET count = feedback_counts.count + EXCLUDED.count`,
        [c.day, c.outcome, c.label, c.decision, c.scoreBucket, c.modelVersion, c.language, c.count],
      );
    return true;
  });
}

/** Dismissed and confirmed flags per model version, and the share dismissed (false flags). */
export async function falseFlagRates(db: Db): Promise<FalseFlagRates> {
  const rows = await db.query<{
    model_version: string;
    dismissed: number;
    confirmed: number;
    first_day: string;
    last_day: string;
  }>(
    `SELECT model_version,
            COALESCE(SUM(count) FILTER (WHERE outcome = 'dismissed'), 0)::int AS dismissed,
            COALESCE(SUM(count) FILTER (WHERE outcome = 'confirmed'), 0)::int AS confirmed,
            to_char(MIN(day), 'YYYY-MM-DD') AS first_day,
            to_char(MAX(day), 'YYYY-MM-DD') AS last_day
       FROM feedback_counts GROUP BY model_version ORDER BY MAX(day) DESC, model_version`,
  );
  return {
    models: rows.map((r) => ({
      modelVersion: r.model_version,
      dismissed: r.dismissed,
      confirmed: r.confirmed,
      falseFlagRate:
        r.dismissed + r.confirmed > 0 ? r.dismissed / (r.dismissed + r.confirmed) : null,
      firstDay: r.first_day,
      lastDay: r.last_day,
    })),
  };
}
