import {
  logEntry,
  type Bank,
  type BankExport,
  type BankSubmission,
  type SignalSubmission,
  type SignalType,
} from '@counterweight/shared';
import { isoSql, type Queryable } from '../db/db';
import { ApiError } from '../errors';
import type { AppendLogEntry, LogSequencer } from '../log/sequence';
import { bankChangeEntry, type LoggedSignal } from './bank-log';

/** A signal row as the matcher reads it. */
export interface SignalRow {
  id: string;
  bank: string;
  kind: 'positive' | 'negative';
  type: SignalType;
  value: string;
  category: string;
  source: string;
  added_at: string;
  removed: boolean;
  held: boolean;
  disagreements: number;
  change_seq: string;
}

const SIGNAL_SELECT = `SELECT s.id::text AS id, s.bank, b.kind, s.type, s.value, s.category, s.source,
  ${isoSql('s.added_at')} AS added_at, s.removed_at IS NOT NULL AS removed, s.held_at IS NOT NULL AS held,
  (SELECT count(*)::int FROM bank_disagreements d WHERE d.signal_id = s.id) AS disagreements,
  s.change_seq::text AS change_seq
  FROM bank_signals s JOIN banks b ON b.name = s.bank`;

/** Who changes a bank: a token (its pseudonym goes to the log), or null for the system. */
export interface BankActor {
  tokenId: string;
  pseudonym: string;
}

/**
 * Storage of banks and their signals. Every change goes through the log sequencer, so a change
 * and its log entry (hashes and labels only) commit together. Each signal change takes a new
 * number from `bank_change_seq`, the cursor copies of a bank follow.
 */
export class BankStore {
  constructor(
    private readonly db: Queryable,
    private readonly sequencer: LogSequencer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Creates a bank; 409 when the name is taken. */
  async create(actor: BankActor | null, submission: BankSubmission): Promise<Bank> {
    const now = this.clock().toISOString();
    await this.sequencer.write(async (tx, append) => {
      const created = await tx.query(
        `INSERT INTO banks (name, kind, description, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO NOTHING RETURNING name`,
        [submission.name, submission.kind, submission.description, now, actor?.tokenId ?? null],
      );
      if (created.length === 0)
        throw new ApiError('conflict', `a bank named ${submission.name} exists`);
      append(
        logEntry('bank_created', now, {
          actor: actor?.pseudonym ?? null,
          details: { bank: submission.name, kind: submission.kind },
        }),
      );
    });
    return (await this.get(submission.name))!;
  }

  /** One bank with its count of active signals, or null. */
  async get(name: string, db: Queryable = this.db): Promise<Bank | null> {
    const [row] = await db.query<{
      name: string;
      kind: Bank['kind'];
      description: string;
      created_at: string;
      signals: number;
    }>(
      `SELECT name, kind, description, ${isoSql('created_at')} AS created_at,
         (SELECT count(*)::int FROM bank_signals s WHERE s.bank = banks.name AND s.removed_at IS NULL) AS signals
       FROM banks WHERE name = $1`,
      [name],
    );
    if (!row) return null;
    return {
      name: row.name,
      kind: row.kind,
      description: row.description,
      createdAt: row.created_at,
      signals: row.signals,
    };
  }

  /** Every bank, by name. */
  async list(): Promise<Bank[]> {
    const rows = await this.db.query<{ name: string }>('SELECT name FROM banks ORDER BY name');
    return Promise.all(rows.map(async (r) => (await this.get(r.name))!));
  }

  /**
   * Adds signals to a bank (404 when it does not exist). A signal already in the bank is a
   * duplicate and keeps its label; one removed earlier comes back with the new label.
   */
  async addSignals(
    actor: BankActor | null,
    bank: string,
    signals: SignalSubmission[],
  ): Promise<{ added: number; duplicates: number }> {
    return this.sequencer.write(async (tx, append) => {
      if (!(await this.get(bank, tx))) throw new ApiError('not_found', `no bank ${bank}`);
      const added = await insertSignals(tx, append, this.clock(), bank, signals.map(toLogged), {
        actor: actor?.pseudonym ?? null,
        tokenId: actor?.tokenId ?? null,
        decisionId: null,
      });
      return { added, duplicates: signals.length - added };
    });
  }

  /**
   * One page of a bank's changes after `cursor` (a change number; none: from the start), oldest
   * first: what a copy of the bank applies to catch up. `activeOnly` leaves out removed signals
   * (a full export rather than a change feed).
   */
  async changes(
    bank: string,
    cursor: string | undefined,
    limit: number,
    activeOnly = false,
  ): Promise<BankExport> {
    const info = await this.get(bank);
    if (!info) throw new ApiError('not_found', `no bank ${bank}`);
    const after = cursor ?? '0';
    const rows = await this.db.query<SignalRow>(
      `${SIGNAL_SELECT} WHERE s.bank = $1 AND s.change_seq > $2::bigint ${activeOnly ? 'AND s.removed_at IS NULL' : ''}
       ORDER BY s.change_seq LIMIT $3`,
      [bank, after, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1)?.change_seq ?? after;
    return {
      bank,
      kind: info.kind,
      signals: page.map((r) => ({
        type: r.type,
        value: r.value,
        label: { category: r.category, source: r.source },
        addedAt: r.added_at,
        removed: r.removed,
        held: r.held,
        disagreements: r.disagreements,
      })),
      nextCursor: rows.length > limit ? last : null,
      cursor: last,
    };
  }

  /** Changes of every bank after change number `after`, for the matcher's in-memory copy. */
  async allChangesSince(after: string): Promise<SignalRow[]> {
    return this.db.query<SignalRow>(
      `${SIGNAL_SELECT} WHERE s.change_seq > $1::bigint ORDER BY s.change_seq`,
      [after],
    );
  }

  /** Holds a signal that floods (it stops matching until released); logged. */
  async hold(signalId: string, reason: Record<string, number>): Promise<void> {
    const now = this.clock().toISOString();
    await this.sequencer.write(async (tx, append) => {
      const [row] = await tx.query<LoggedSignal & { bank: string }>(
        `UPDATE bank_signals SET held_at = $2, change_seq = nextval('bank_change_seq')
         WHERE id = $1 AND held_at IS NULL AND removed_at IS NULL RETURNING bank, type, value, category, source`,
        [signalId, now],
      );
      if (row) append(bankChangeEntry('bank_signal_held', now, row.bank, [row], null, reason));
    });
  }

  /**
   * Records a reviewer's "this match is wrong" against every active signal with this type and
   * value (404 when none): kept with the signal, counted in the export, logged.
   */
  async disagree(
    actor: BankActor,
    type: SignalType,
    value: string,
    reason: string,
  ): Promise<number> {
    const now = this.clock().toISOString();
    return this.sequencer.write(async (tx, append) => {
      const rows = await tx.query<LoggedSignal & { id: string; bank: string }>(
        `SELECT id::text AS id, bank, type, value, category, source FROM bank_signals
         WHERE type = $1 AND value = $2 AND removed_at IS NULL`,
        [type, value],
      );
      if (rows.length === 0) throw new ApiError('not_found', `no banked ${type} signal ${value}`);
      for (const row of rows) {
        await tx.query(
          'INSERT INTO bank_disagreements (signal_id, at, by_token, reason) VALUES ($1, $2, $3, $4)',
          [row.id, now, actor.tokenId, reason],
        );
        append(bankChangeEntry('bank_signal_disputed', now, row.bank, [row], actor.pseudonym));
      }
      return rows.length;
    });
  }
}

function toLogged(s: SignalSubmission): LoggedSignal {
  return { type: s.type, value: s.value, category: s.label.category, source: s.label.source };
}

/**
 * Inserts signals into `bank` inside the caller's transaction and appends one log entry for
 * those actually added (none: no entry). Returns how many were added.
 */
export async function insertSignals(
  tx: Queryable,
  append: AppendLogEntry,
  at: Date,
  bank: string,
  signals: LoggedSignal[],
  by: { actor: string | null; tokenId: string | null; decisionId: string | null },
): Promise<number> {
  if (signals.length === 0) return 0;
  const now = at.toISOString();
  const rows = await tx.query<LoggedSignal>(
    `INSERT INTO bank_signals (bank, type, value, category, source, decision_id, added_at, added_by, change_seq)
     SELECT $1, x.type, x.value, x.category, x.source, $2::uuid, $3, $4::uuid, nextval('bank_change_seq')
     FROM jsonb_to_recordset($5::text::jsonb) AS x(type text, value text, category text, source text)
     ON CONFLICT (bank, type, value) DO UPDATE SET removed_at = NULL, held_at = NULL,
       category = EXCLUDED.category, source = EXCLUDED.source, decision_id = EXCLUDED.decision_id,
       added_at = EXCLUDED.added_at, added_by = EXCLUDED.added_by, change_seq = nextval('bank_change_seq')
       WHERE bank_signals.removed_at IS NOT NULL
     RETURNING type, value, category, source`,
    [bank, by.decisionId, now, by.tokenId, JSON.stringify(dedupe(signals))],
  );
  if (rows.length > 0)
    append(
      bankChangeEntry(
        'bank_signals_added',
        now,
        bank,
        rows,
        by.actor,
        by.decisionId ? { decisionId: by.decisionId } : {},
      ),
    );
  return rows.length;
}

/** One signal per type and value (the first label wins), as a unique key allows. */
function dedupe(signals: LoggedSignal[]): LoggedSignal[] {
  const seen = new Map<string, LoggedSignal>();
  for (const s of signals)
    if (!seen.has(`${s.type}:${s.value}`)) seen.set(`${s.type}:${s.value}`, s);
  return [...seen.values()];
}

/**
 * Removes, inside the caller's transaction, the signals a decision added (its content was
 * reinstated on appeal), with one log entry per bank. Returns how many were removed.
 */
export async function removeDecisionSignals(
  tx: Queryable,
  append: AppendLogEntry,
  at: Date,
  decisionId: string,
): Promise<number> {
  const now = at.toISOString();
  const rows = await tx.query<LoggedSignal & { bank: string }>(
    `UPDATE bank_signals SET removed_at = $2, change_seq = nextval('bank_change_seq')
     WHERE decision_id = $1 AND removed_at IS NULL RETURNING bank, type, value, category, source`,
    [decisionId, now],
  );
  const byBank = new Map<string, LoggedSignal[]>();
  for (const r of rows) byBank.set(r.bank, [...(byBank.get(r.bank) ?? []), r]);
  for (const [bank, signals] of byBank)
    append(bankChangeEntry('bank_signals_removed', now, bank, signals, null, { decisionId }));
  return rows.length;
}
