import { createHash, randomUUID } from 'node:crypto';
import {
  NARRATIVE_THEME_IDS,
  nextTargetStatus,
  TARGET_STATUS_IDS,
  TARGETED_GROUP_IDS,
  type TargetAggregates,
  type NarrativeTheme,
  type Target,
  type TargetEvent,
  type TargetPage,
  type TargetQuery,
  type TargetSubmission,
} from '@counterweight/shared/target';
import type { TrendObservation } from '@counterweight/shared/trends';
import { logEntry as blankLogEntry, type LogEntry } from '@counterweight/shared';
import canonicalize from 'canonicalize';
import { isoSql, type Db, type Queryable } from '../db/db';
import { ApiError } from '../errors';
import type { AppendLogEntry, LogSequencer } from '../log/sequence';
import { decodeCursor, encodeCursor } from './board-cursor';
import { allGuidance } from './guidance-store';
import { TARGET_COLUMNS, toTarget, type TargetRow } from './target-row';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Who acts on a target: the token's id and the name it was issued with. */
export interface TargetActor {
  tokenId: string;
  name: string | null;
}

/** A change to a target, applied under a row lock by {@link TargetStore.change}. */
type Change = (
  row: TargetRow,
  now: string,
) => Partial<Pick<TargetRow, 'claim' | 'responses' | 'outcomes' | 'closure'>>;

/**
 * Storage of counter-narrative targets. Every write goes through the log sequencer, so a target's
 * creation and closure are logged in the same transaction (theme, group, language, platform and
 * hashes only: no excerpt, URL or person). Nothing here touches reports or decisions.
 */
export class TargetStore {
  constructor(
    private readonly db: Db,
    private readonly sequencer: LogSequencer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Stores a new target. With an idempotency key, the same key and body answer with the first
   * target (`replayed`), the same key with another body is a 409.
   */
  async create(
    actor: TargetActor,
    submission: TargetSubmission,
    idempotencyKey: string | null,
  ): Promise<{ target: Target; replayed: boolean }> {
    const bodySha256 = sha256(canonicalize(submission) ?? '');
    const { id, replayed } = await this.sequencer.write(async (tx, append) => {
      if (idempotencyKey) {
        const [seen] = await tx.query<{ target_id: string; body_sha256: string }>(
          'SELECT target_id::text AS target_id, body_sha256 FROM target_idempotency_keys WHERE token_id = $1 AND key = $2',
          [actor.tokenId, idempotencyKey],
        );
        if (seen && seen.body_sha256 !== bodySha256)
          throw new ApiError(
            'conflict',
            'this Idempotency-Key was already used with a different body',
          );
        if (seen) return { id: seen.target_id, replayed: true };
      }
      const id = randomUUID();
      const now = this.clock().toISOString();
      await tx.query(
        `INSERT INTO targets (id, ref_seq, created_at, created_by, status, url, excerpt, excerpt_sha256, theme,
           target_group, language, platform, reach, source, captured_at)
         VALUES ($1, nextval('target_ref_seq'), $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13)`,
        [
          id,
          now,
          actor.tokenId,
          submission.url,
          submission.excerpt,
          submission.excerptSha256,
          submission.theme,
          submission.group,
          submission.language,
          submission.platform,
          JSON.stringify(submission.reach),
          submission.source,
          new Date(submission.capturedAt).toISOString(),
        ],
      );
      if (idempotencyKey)
        await tx.query(
          'INSERT INTO target_idempotency_keys (token_id, key, body_sha256, target_id) VALUES ($1, $2, $3, $4)',
          [actor.tokenId, idempotencyKey, bodySha256, id],
        );
      append(
        logEntry('target_created', now, submission, {
          targetId: id,
          theme: submission.theme,
          group: submission.group,
          language: submission.language,
          platform: submission.platform,
          source: submission.source,
        }),
      );
      return { id, replayed: false };
    });
    return { target: (await this.get(id)) as Target, replayed };
  }

  /** One target, or null. */
  async get(id: string, db: Queryable = this.db): Promise<Target | null> {
    const [row] = await db.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE id = $1`, [
      id,
    ]);
    if (!row) return null;
    const guidance = await allGuidance(db);
    return toTarget(row, guidance[row.theme]);
  }

  /** The board: filtered, newest capture first, one page after the query's cursor. */
  async list(query: TargetQuery): Promise<TargetPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const anyOf = (column: string, values: string[] | undefined) => {
      if (values)
        where.push(
          `${column} IN (SELECT jsonb_array_elements_text(${param(JSON.stringify(values))}::text::jsonb))`,
        );
    };
    anyOf('theme', query.theme);
    anyOf('target_group', query.group);
    anyOf('language', query.language);
    anyOf('platform', query.platform);
    anyOf('status', query.status);
    if (query.from) where.push(`captured_at >= ${param(query.from)}::timestamptz`);
    if (query.to) where.push(`captured_at < ${param(query.to)}::timestamptz`);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push(
        `(captured_at, id) < (${param(after.capturedAt)}::timestamptz, ${param(after.id)}::uuid)`,
      );
    }
    const rows = await this.db.query<TargetRow>(
      `SELECT ${TARGET_COLUMNS} FROM targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY captured_at DESC, id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const guidance = await allGuidance(this.db);
    const last = page.at(-1);
    return {
      items: page.map((row) => toTarget(row, guidance[row.theme])),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ capturedAt: last.captured_at, id: last.id })
          : null,
    };
  }

  /** Claims (or re-assigns) a target for a team member. */
  claim(id: string, actor: TargetActor, assignee: string | undefined): Promise<Target> {
    return this.change(id, 'claim', (_row, now) => ({
      claim: { assignee: assignee ?? actor.name ?? 'unnamed team member', claimedAt: now },
    }));
  }

  /** Records a counter- or alternative-narrative response. */
  respond(
    id: string,
    response: Omit<Target['responses'][number], 'id' | 'recordedAt'>,
  ): Promise<Target> {
    return this.change(id, 'respond', (row, now) => ({
      responses: [...row.responses, { ...response, id: randomUUID(), recordedAt: now }],
    }));
  }

  /** Records the evaluation figures of one of the target's responses. */
  recordOutcome(
    id: string,
    outcome: Omit<Target['outcomes'][number], 'id' | 'recordedAt'>,
  ): Promise<Target> {
    return this.change(id, 'record_outcome', (row, now) => {
      if (!row.responses.some((r) => r.id === outcome.responseId))
        throw new ApiError(
          'validation_failed',
          'invalid responseId: not a response of this target',
          [{ path: 'responseId', message: 'not a response of this target' }],
        );
      return { outcomes: [...row.outcomes, { ...outcome, id: randomUUID(), recordedAt: now }] };
    });
  }

  /** Closes a target, logged with its theme, group and language. */
  close(
    id: string,
    closure: { reason: NonNullable<Target['closure']>['reason']; note?: string | undefined },
  ): Promise<Target> {
    return this.change(
      id,
      'close',
      (_row, now) => ({ closure: { ...closure, closedAt: now } }),
      (row, now, append) =>
        append(
          logEntry(
            'target_closed',
            now,
            { excerptSha256: row.excerpt_sha256, url: row.url },
            {
              targetId: row.id,
              theme: row.theme,
              group: row.target_group,
              language: row.language,
              platform: row.platform,
              reason: closure.reason,
              responses: row.responses.length,
            },
          ),
        ),
    );
  }

  /** Applies one lifecycle event under a row lock: 404 unknown, 409 when the status forbids it. */
  private async change(
    id: string,
    event: TargetEvent,
    change: Change,
    log?: (row: TargetRow, now: string, append: AppendLogEntry) => void,
  ): Promise<Target> {
    return this.sequencer.write(async (tx, append) => {
      const [row] = await tx.query<TargetRow>(
        `SELECT ${TARGET_COLUMNS} FROM targets WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new ApiError('not_found', `no target ${id}`);
      const status = nextTargetStatus(row.status, event);
      if (typeof status !== 'string')
        throw new ApiError('conflict', `cannot ${event.replace('_', ' ')}: ${status.refused}`);
      const now = this.clock().toISOString();
      const patch = change(row, now);
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      await tx.query(
        `UPDATE targets SET status = $2,
           claim = coalesce($3::text::jsonb, claim), responses = coalesce($4::text::jsonb, responses),
           outcomes = coalesce($5::text::jsonb, outcomes), closure = coalesce($6::text::jsonb, closure)
         WHERE id = $1`,
        [
          id,
          status,
          json(patch.claim),
          json(patch.responses),
          json(patch.outcomes),
          json(patch.closure),
        ],
      );
      log?.(row, now, append);
      return (await this.get(id, tx)) as Target;
    });
  }

  /** Theme, group, language and capture time of targets captured in [from, to). */
  async observations(from: string, to: string): Promise<TrendObservation[]> {
    const rows = await this.db.query<{
      captured_at: string;
      theme: NarrativeTheme;
      target_group: TrendObservation['group'];
      language: string;
    }>(
      `SELECT ${isoSql('captured_at')} AS captured_at, theme, target_group, language FROM targets
       WHERE captured_at >= $1::timestamptz AND captured_at < $2::timestamptz ORDER BY captured_at, id`,
      [from, to],
    );
    return rows.map((r) => ({
      capturedAt: r.captured_at,
      theme: r.theme,
      group: r.target_group,
      language: r.language,
    }));
  }

  /** Counts only, for auditors: no excerpt, URL or team member. Optionally captured in [from, to). */
  async aggregates(
    range: { from?: string | undefined; to?: string | undefined } = {},
  ): Promise<TargetAggregates> {
    const rows = await this.db.query<{ dim: string; value: string; n: number }>(
      `WITH t AS (SELECT * FROM targets WHERE ($1::timestamptz IS NULL OR captured_at >= $1::timestamptz)
                                          AND ($2::timestamptz IS NULL OR captured_at < $2::timestamptz))
       SELECT 'status' AS dim, status AS value, count(*)::int AS n FROM t GROUP BY status
       UNION ALL SELECT 'theme', theme, count(*)::int FROM t GROUP BY theme
       UNION ALL SELECT 'group', target_group, count(*)::int FROM t GROUP BY target_group
       UNION ALL SELECT 'language', language, count(*)::int FROM t GROUP BY language
       UNION ALL SELECT 'platform', platform, count(*)::int FROM t GROUP BY platform
       UNION ALL SELECT 'response', r->>'kind', count(*)::int FROM t, jsonb_array_elements(t.responses) r GROUP BY r->>'kind'
       UNION ALL SELECT 'outcomes', 'all', coalesce(sum(jsonb_array_length(outcomes)), 0)::int FROM t`,
      [range.from ?? null, range.to ?? null],
    );
    const zeros = <K extends string>(ids: readonly K[]) =>
      Object.fromEntries(ids.map((k) => [k, 0])) as Record<K, number>;
    const result: TargetAggregates = {
      total: 0,
      byStatus: zeros(TARGET_STATUS_IDS),
      byTheme: zeros(NARRATIVE_THEME_IDS),
      byGroup: zeros(TARGETED_GROUP_IDS),
      byLanguage: {},
      byPlatform: {},
      responses: { counter: 0, alternative: 0 },
      outcomes: 0,
    };
    const into: Record<string, Record<string, number>> = {
      status: result.byStatus,
      theme: result.byTheme,
      group: result.byGroup,
      language: result.byLanguage,
      platform: result.byPlatform,
      response: result.responses,
    };
    for (const { dim, value, n } of rows) {
      if (dim === 'outcomes') result.outcomes = n;
      else if (into[dim]) into[dim][value] = n;
      if (dim === 'status') result.total += n;
    }
    return result;
  }
}

function logEntry(
  type: 'target_created' | 'target_closed',
  at: string,
  content: { excerptSha256: string; url: string },
  details: LogEntry['details'],
): LogEntry {
  return blankLogEntry(type, at, {
    excerptSha256: content.excerptSha256,
    urlSha256: sha256(content.url),
    details,
  });
}
