import { randomBytes } from 'node:crypto';
import type { LogEntry, Report, ReportSubmission } from '@counterweight/shared';
import type { Principal } from '../auth/tokens';
import type { Queryable } from '../db/db';
import { ApiError } from '../errors';
import {
  LogEntryTemplate,
  takeNumbersSql,
  type AppendLogEntry,
  type DeferStatement,
  type LogSequencer,
} from '../log/sequence';
import type { CheckedScreenshot } from './screenshot';
import { caseNumberOf, caseNumberSql, findReports, reportFromRow } from './store';

/** A fully validated report, ready to store; nothing about it can be refused any more but its key. */
export interface PreparedReport {
  id: string;
  receivedAt: string;
  submission: ReportSubmission;
  submitter: Principal;
  /** Keyed pseudonym of the submitter for the log. */
  actor: string;
  urlSha256: string;
  idempotency: { key: string; bodySha256: string } | null;
  /** The screenshot evidence, checked ({@link checkScreenshot}), or null. */
  screenshot?: CheckedScreenshot | null;
}

/** What an intake answers: the stored report, and whether it is a replay of an earlier one. */
export interface IntakeResult {
  report: Report;
  replayed: boolean;
}

type Outcome = { ok: IntakeResult } | { error: ApiError };
interface Pending {
  item: PreparedReport;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
  /** The stored forms worked out on arrival, but for the case number (unknown until written). */
  encoded?: EncodedReport;
}

/** A new report in its stored forms, but for the case number that the database gives it. */
interface EncodedReport {
  /** The report but for its case number. */
  report: Omit<Report, 'caseNumber'>;
  /** Its row of the batch insert as JSON, after `{"i":…,` (its place in the batch). */
  rowRest: string;
  /** Its log entry with the case number open. */
  entry: LogEntryTemplate;
}

/**
 * Group-commit writer for report intake. Reports that arrive while a batch is being written wait
 * and go together into the next transaction (multi-row inserts, with their log entries); every
 * request is acknowledged only after its batch commits. Idempotency keys are honoured within a
 * batch and across batches. If a batch fails, its items are retried one by one so that one bad
 * item cannot fail the others. Case numbers come from the database inside the batch's
 * transaction (taken from the `case_seq` head of `sequence_heads` in the statement that inserts
 * the reports), so any number of processes can take reports on one database and case
 * numbers stay dense and unique; the database also puts each number into the report's log entry,
 * encoded here on arrival with the number left open, and hashes it.
 */
export class ReportIntake {
  #pending: Pending[] = [];
  #draining = false;

  constructor(
    private readonly sequencer: LogSequencer,
    private readonly options: { maxBatch: number } = { maxBatch: 256 },
  ) {}

  /** Stores a report (or finds the one its idempotency key names); resolves after commit. */
  submit(item: PreparedReport): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      // Encoded now, while the batch ahead commits, so that its batch is ready the moment it may
      // start; only the case number is filled in inside the transaction.
      let encoded: EncodedReport | undefined;
      try {
        encoded = encodeReport(item);
      } catch {
        // encoded again in its batch, which then fails it alone
      }
      this.#pending.push({ item, resolve, reject, encoded });
      if (!this.#draining) {
        this.#draining = true;
        // Let every request parsed in this turn of the event loop join the first batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      let answer: (() => void) | null = null;
      while (this.#pending.length > 0 || answer) {
        const batch = this.#pending.splice(0, this.options.maxBatch);
        // Send the next batch to the database first, then answer the last one while it works.
        const writing = batch.length > 0 ? this.#write(batch) : null;
        answer?.();
        answer = writing ? await writing : null;
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Writes a batch; resolves, after commit, to the function that answers its requests. */
  async #write(batch: Pending[]): Promise<() => void> {
    let outcomes: Outcome[];
    try {
      const written = await this.sequencer.write((tx, append, defer) =>
        writeBatch(tx, append, defer, batch),
      );
      outcomes = await written();
    } catch (error) {
      if (batch.length === 1) return () => batch[0]!.reject(error);
      for (const pending of batch) (await this.#write([pending]))();
      return () => {};
    }
    return () =>
      outcomes.forEach((outcome, i) => {
        const pending = batch[i]!;
        if ('ok' in outcome) pending.resolve(outcome.ok);
        else pending.reject(outcome.error);
      });
  }
}

interface StoredKey {
  token_id: string;
  key: string;
  body_sha256: string;
  report_id: string;
}

const conflict = () =>
  new ApiError('conflict', 'this Idempotency-Key was already used with a different request body');

/** Encodes a new report for any case number: its report, row and log entry but for the number. */
function encodeReport(item: PreparedReport): EncodedReport {
  const s = item.submission;
  const report: Omit<Report, 'caseNumber'> = {
    id: item.id,
    status: 'awaiting_decision',
    receivedAt: item.receivedAt,
    content: s.content,
    detectedBy: s.detectedBy,
    classifier: s.classifier,
    assessment: s.assessment,
    attestation: s.attestation,
    decisionId: null,
    screenshot: item.screenshot
      ? {
          mediaType: item.screenshot.mediaType,
          sha256: item.screenshot.sha256,
          bytes: item.screenshot.bytes,
        }
      : null,
  };
  const rowRest = JSON.stringify({
    id: item.id,
    priority: s.assessment.threatToLife ? 0 : 1,
    received_at: item.receivedAt,
    submitted_by: item.submitter.tokenId,
    content: s.content,
    detected_by: s.detectedBy,
    classifier: s.classifier,
    assessment: s.assessment,
    attestation: s.attestation,
    excerpt_sha256: s.content.excerptSha256,
    url_sha256: item.urlSha256,
  }).slice(1);
  // The case number stands open in the entry; a random placeholder, so that no field can hold it.
  for (let attempt = 0; attempt < 5; attempt++) {
    const placeholder = `CW-?${randomBytes(8).toString('hex')}`;
    const entry = LogEntryTemplate.of(
      reportReceivedEntry(item, { ...report, caseNumber: placeholder }),
      placeholder,
    );
    if (entry) return { report, rowRest, entry };
  }
  throw new Error('no placeholder for the case number found');
}

async function writeBatch(
  tx: Queryable,
  append: AppendLogEntry,
  defer: DeferStatement,
  batch: Pending[],
): Promise<() => Promise<Outcome[]>> {
  const items = batch.map((pending) => pending.item);
  const scopeOf = (item: PreparedReport) => `${item.submitter.tokenId}\n${item.idempotency?.key}`;
  const keyed = items.filter((item) => item.idempotency);
  const stored = new Map<string, StoredKey>();
  if (keyed.length > 0) {
    const rows = await tx.query<StoredKey>(
      `SELECT i.token_id::text AS token_id, i.key, i.body_sha256, i.report_id::text AS report_id
       FROM idempotency_keys i
       JOIN jsonb_to_recordset($1::text::jsonb) AS k(token_id uuid, key text)
         ON i.token_id = k.token_id AND i.key = k.key`,
      [
        JSON.stringify(
          keyed.map((item) => ({ token_id: item.submitter.tokenId, key: item.idempotency!.key })),
        ),
      ],
    );
    for (const row of rows) stored.set(`${row.token_id}\n${row.key}`, row);
  }

  // Decide, in arrival order, which items are new, replays or conflicts.
  type Plan =
    | { kind: 'new' }
    | { kind: 'replay-stored'; reportId: string }
    | { kind: 'replay-batch'; of: number }
    | { kind: 'conflict' };
  const firstInBatch = new Map<string, number>();
  const plans: Plan[] = items.map((item, i) => {
    if (!item.idempotency) return { kind: 'new' };
    const scope = scopeOf(item);
    const old = stored.get(scope);
    if (old)
      return old.body_sha256 === item.idempotency.bodySha256
        ? { kind: 'replay-stored', reportId: old.report_id }
        : { kind: 'conflict' };
    const first = firstInBatch.get(scope);
    if (first !== undefined)
      return items[first]!.idempotency!.bodySha256 === item.idempotency.bodySha256
        ? { kind: 'replay-batch', of: first }
        : { kind: 'conflict' };
    firstInBatch.set(scope, i);
    return { kind: 'new' };
  });

  const fresh = batch.filter((_, i) => plans[i]!.kind === 'new');
  const encodedOf = new Map<PreparedReport, EncodedReport>();
  let numbered: Promise<{ id: string; case_seq: string }[]> = Promise.resolve([]);
  // Sent at once, after everything else, and awaited by the sequencer with the log insert (no
  // round trip in between): the reports, numbered by the database from the `case_seq` head of
  // `sequence_heads` (its lock held until commit), and their log entries, into which the database
  // puts the case numbers it gave.
  if (fresh.length > 0) {
    const rows = fresh.map((pending, i) => {
      const encoded = pending.encoded ?? encodeReport(pending.item);
      encodedOf.set(pending.item, encoded);
      append(encoded.entry.caseNumberOf(pending.item.id));
      return `{"i":${i},${encoded.rowRest}`;
    });
    numbered = tx.query<{ id: string; case_seq: string }>(
      `WITH n AS (${takeNumbersSql('case_seq', '$2::bigint', 'SELECT coalesce(max(case_seq), 0) + 1 FROM reports')})
       INSERT INTO reports (id, case_seq, case_number, status, priority, received_at, submitted_by, content,
         detected_by, classifier, assessment, attestation, excerpt_sha256, url_sha256)
       SELECT r.id, n.first + r.i, ${caseNumberSql('n.first + r.i')}, 'awaiting_decision', r.priority,
         r.received_at, r.submitted_by, r.content, r.detected_by, r.classifier, r.assessment, r.attestation,
         r.excerpt_sha256, r.url_sha256
       FROM n, json_to_recordset($1::text::json) AS r(i bigint, id uuid, priority smallint,
         received_at timestamptz, submitted_by uuid, content json, detected_by text, classifier json,
         assessment json, attestation json, excerpt_sha256 text, url_sha256 text)
       RETURNING id::text AS id, case_seq::text AS case_seq`,
      [`[${rows.join(',')}]`, rows.length],
    );
    defer(numbered);
    const screenshots = fresh.flatMap(({ item }) =>
      item.screenshot
        ? [
            {
              report_id: item.id,
              media_type: item.screenshot.mediaType,
              sha256: item.screenshot.sha256,
              bytes: item.screenshot.bytes,
              data: item.screenshot.base64,
            },
          ]
        : [],
    );
    if (screenshots.length > 0)
      defer(
        tx.query(
          `INSERT INTO report_screenshots (report_id, media_type, sha256, bytes, data)
           SELECT r.report_id, r.media_type, r.sha256, r.bytes, decode(r.data, 'base64')
           FROM json_to_recordset($1::text::json) AS r(report_id uuid, media_type text, sha256 text, bytes integer, data text)`,
          [JSON.stringify(screenshots)],
        ),
      );
    const keys = fresh
      .map((pending) => pending.item)
      .filter((item) => item.idempotency)
      .map((item) => ({
        token_id: item.submitter.tokenId,
        key: item.idempotency!.key,
        body_sha256: item.idempotency!.bodySha256,
        report_id: item.id,
      }));
    if (keys.length > 0) {
      defer(
        tx.query(
          `INSERT INTO idempotency_keys (token_id, key, body_sha256, report_id)
         SELECT r.token_id, r.key, r.body_sha256, r.report_id
         FROM jsonb_to_recordset($1::text::jsonb) AS r(token_id uuid, key text, body_sha256 text, report_id uuid)`,
          [JSON.stringify(keys)],
        ),
      );
    }
  }

  const replayIds = plans.flatMap((plan) => (plan.kind === 'replay-stored' ? [plan.reportId] : []));
  const replayed = new Map(
    (await findReports(tx, replayIds)).map((row) => [row.id, reportFromRow(row)]),
  );

  // Called after commit, when the case numbers are known.
  return async () => {
    const seqOf = new Map((await numbered).map((row) => [row.id, Number(row.case_seq)]));
    const created = new Map<PreparedReport, Report>();
    for (const [item, encoded] of encodedOf) {
      const seq = seqOf.get(item.id);
      if (seq === undefined) throw new Error(`report ${item.id} was not numbered`);
      created.set(item, { ...encoded.report, caseNumber: caseNumberOf(seq) });
    }
    return plans.map((plan, i): Outcome => {
      switch (plan.kind) {
        case 'new':
          return { ok: { report: created.get(items[i]!)!, replayed: false } };
        case 'replay-batch':
          return { ok: { report: created.get(items[plan.of]!)!, replayed: true } };
        case 'replay-stored': {
          const report = replayed.get(plan.reportId);
          return report
            ? { ok: { report, replayed: true } }
            : { error: new ApiError('internal', 'idempotent report missing') };
        }
        case 'conflict':
          return { error: conflict() };
      }
    });
  };
}

/** The log entry of a received report: hashes, taxonomy and a pseudonym, never the content. */
export function reportReceivedEntry(item: PreparedReport, report: Report): LogEntry {
  const s = item.submission;
  return {
    v: 1,
    type: 'report_received',
    at: report.receivedAt,
    reportId: report.id,
    caseNumber: report.caseNumber,
    actor: item.actor,
    category: s.assessment.category,
    tcoType: s.assessment.tcoType ?? null,
    action: null,
    ground: null,
    exemptionApplied: s.assessment.exemption.applies,
    exemptions: s.assessment.exemption.exemptions,
    automatedDetection: s.detectedBy !== 'reviewer',
    excerptSha256: s.content.excerptSha256,
    urlSha256: item.urlSha256,
    details: {
      contentType: s.content.contentType,
      language: s.content.language,
      suggestedAction: s.assessment.suggestedAction,
      threatToLife: s.assessment.threatToLife,
      modelVersion: s.classifier?.modelVersion ?? null,
      // only the hash of the screenshot evidence, and only when there is one
      ...(item.screenshot ? { screenshotSha256: item.screenshot.sha256 } : {}),
    },
  };
}
