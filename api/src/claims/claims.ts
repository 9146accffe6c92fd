import { CLAIM_LEASE_MS, logEntry, type ClaimLease } from '@counterweight/shared';
import { pseudonymOf } from '../auth/pseudonym';
import type { Principal } from '../auth/tokens';
import type { Queryable } from '../db/db';
import { isoSql } from '../db/db';
import { requireFourEyes } from '../decisions/four-eyes';
import { ApiError } from '../errors';
import type { AppendLogEntry, LogSequencer } from '../log/sequence';

interface ClaimDeps {
  sequencer: LogSequencer;
  pseudonymKey: Uint8Array;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

interface ClaimedRow {
  id: string;
  case_number: string;
  status: string;
  submitted_by: string;
  submitter_name: string | null;
  claimed_by: string | null;
  expires_at: string | null;
}

/** The report and its claim, locked for the transaction; 404 when there is no such report. */
async function lockReport(tx: Queryable, reportId: string): Promise<ClaimedRow> {
  const [row] = await tx.query<ClaimedRow>(
    `SELECT r.id::text AS id, r.case_number, r.status, r.submitted_by::text AS submitted_by,
       (SELECT name FROM api_tokens t WHERE t.id = r.submitted_by) AS submitter_name,
       c.claimed_by::text AS claimed_by, ${isoSql('c.expires_at')} AS expires_at
     FROM reports r LEFT JOIN report_claims c ON c.report_id = r.id
     WHERE r.id = $1 FOR UPDATE OF r`,
    [reportId],
  );
  if (!row) throw new ApiError('not_found', `no report ${reportId}`);
  return row;
}

/**
 * A lease runs out silently: nothing is written when it expires. So that the log still shows who
 * held the case until when, the next event that ends or replaces an expired lease (another
 * reviewer's claim, the holder's claim again, a release) is preceded, in the same transaction, by
 * a `claim_expired` entry naming the expired holder's pseudonym and the lease's expiry.
 */
function appendIfExpired(
  deps: ClaimDeps,
  append: AppendLogEntry,
  row: ClaimedRow,
  now: number,
): void {
  if (row.claimed_by === null || row.expires_at === null || Date.parse(row.expires_at) > now)
    return;
  append(
    logEntry('claim_expired', new Date(now).toISOString(), {
      reportId: row.id,
      caseNumber: row.case_number,
      actor: pseudonymOf(deps.pseudonymKey, row.claimed_by),
      details: { leaseExpiredAt: row.expires_at },
    }),
  );
}

/**
 * Claims a report awaiting decision for `reviewer`, or renews their claim: a lease of
 * {@link CLAIM_LEASE_MS} from now. Refuses: unknown report (404), the report's submitter (403
 * `four_eyes`), a report no longer awaiting decision (409), a report someone else holds an
 * unexpired claim on (409). A new claim is logged (`case_claimed`); a renewal is not. Taking
 * over an expired lease, the holder's own included, first logs its expiry (`claim_expired`).
 */
export async function claimReport(
  deps: ClaimDeps,
  reviewer: Principal,
  reportId: string,
): Promise<ClaimLease> {
  const now = (deps.now ?? Date.now)();
  return deps.sequencer.write(async (tx, append) => {
    const row = await lockReport(tx, reportId);
    requireFourEyes(
      reviewer,
      { submitter: { tokenId: row.submitted_by, name: row.submitter_name } },
      'report',
    );
    if (row.status !== 'awaiting_decision')
      throw new ApiError(
        'conflict',
        `report ${row.case_number} is ${row.status}, not awaiting a decision`,
      );
    const held = row.claimed_by !== null && Date.parse(row.expires_at!) > now;
    if (held && row.claimed_by !== reviewer.tokenId)
      throw new ApiError(
        'conflict',
        `report ${row.case_number} is claimed by another reviewer until ${row.expires_at}`,
      );
    const renewal = held && row.claimed_by === reviewer.tokenId;
    const claimedAt = new Date(now).toISOString();
    const expiresAt = new Date(now + CLAIM_LEASE_MS).toISOString();
    const [stored] = await tx.query<{ claimed_at: string }>(
      `INSERT INTO report_claims (report_id, claimed_by, claimed_at, expires_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (report_id) DO UPDATE SET
         claimed_by = EXCLUDED.claimed_by, expires_at = EXCLUDED.expires_at,
         claimed_at = CASE WHEN $5 THEN report_claims.claimed_at ELSE EXCLUDED.claimed_at END
       RETURNING ${isoSql('claimed_at')} AS claimed_at`,
      [reportId, reviewer.tokenId, claimedAt, expiresAt, renewal],
    );
    if (!renewal) appendIfExpired(deps, append, row, now);
    if (!renewal)
      append(
        logEntry('case_claimed', claimedAt, {
          reportId,
          caseNumber: row.case_number,
          actor: pseudonymOf(deps.pseudonymKey, reviewer.tokenId),
          details: { leaseExpiresAt: expiresAt },
        }),
      );
    return {
      reportId,
      caseNumber: row.case_number,
      claimedAt: stored?.claimed_at ?? claimedAt,
      expiresAt,
    };
  });
}

/**
 * Releases `reviewer`'s claim on a report (logged as `claim_released`). 404 when the report is
 * unknown or the reviewer holds no claim on it (an expired claim of theirs is released too, its
 * expiry logged first as `claim_expired`).
 */
export async function releaseClaim(
  deps: ClaimDeps,
  reviewer: Principal,
  reportId: string,
): Promise<void> {
  const now = (deps.now ?? Date.now)();
  await deps.sequencer.write(async (tx, append) => {
    const row = await lockReport(tx, reportId);
    if (row.claimed_by !== reviewer.tokenId)
      throw new ApiError('not_found', `you hold no claim on report ${row.case_number}`);
    await tx.query('DELETE FROM report_claims WHERE report_id = $1', [reportId]);
    appendIfExpired(deps, append, row, now);
    append(
      logEntry('claim_released', new Date(now).toISOString(), {
        reportId,
        caseNumber: row.case_number,
        actor: pseudonymOf(deps.pseudonymKey, reviewer.tokenId),
        details: { reason: 'released' },
      }),
    );
  });
}

/**
 * Inside a decision's transaction: 409 `claim_required` unless `decider` holds an unexpired claim
 * on the report; then ends the claim (the decision releases it). A decision never ends an expired
 * lease (it is refused and writes nothing), so it has no `claim_expired` to log.
 */
export async function takeUpClaim(
  tx: Queryable,
  decider: Principal,
  reportId: string,
  caseNumber: string,
  now: number,
): Promise<void> {
  const [claim] = await tx.query<{ claimed_by: string; expires_at: string }>(
    `SELECT claimed_by::text AS claimed_by, ${isoSql('expires_at')} AS expires_at
     FROM report_claims WHERE report_id = $1`,
    [reportId],
  );
  if (!claim || claim.claimed_by !== decider.tokenId || Date.parse(claim.expires_at) <= now)
    throw new ApiError(
      'claim_required',
      `claim report ${caseNumber} first (POST /v1/reports/${reportId}/claim): ${
        !claim
          ? 'nobody holds a claim on it'
          : claim.claimed_by !== decider.tokenId
            ? 'another reviewer holds the claim'
            : 'your claim has expired'
      }`,
    );
  await tx.query('DELETE FROM report_claims WHERE report_id = $1', [reportId]);
}
