import {
  auditReport,
  fetchEntries,
  fetchLogClient,
  hashLeaf,
  openCheckpoint,
  rootHash,
  toBase64,
  decodeEntryBytes,
  TransparencyReport,
  type Checkpoint,
  type LogClient,
} from '@counterweight/shared';
import type { VerifyLogMode } from './verify-log-modes';

/** The outcome of `verify-log URL --report FROM TO`: lines to print and whether all matched. */
export interface ReportVerification {
  ok: boolean;
  lines: string[];
}

/**
 * Fetches the transparency report for [from, to) and recomputes it from `entries`, the log's
 * entries already verified against the signed checkpoint `signed`: the report's tree must be a
 * prefix of the signed one, its root must match, and so must every figure. Never throws for a
 * mismatch: `ok` is false and the lines name each difference.
 */
export async function checkReport(
  client: LogClient,
  from: string,
  to: string,
  signed: Checkpoint,
  entries: readonly { index: number; data: Uint8Array }[],
): Promise<ReportVerification> {
  const lines: string[] = [];
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const report = TransparencyReport.parse(await client.json(`/v1/transparency/report?${query}`));
  if (report.checkpoint.treeSize > signed.size || entries.length < report.checkpoint.treeSize) {
    lines.push(
      `MISMATCH: the report names tree size ${report.checkpoint.treeSize}, beyond the verified ${Math.min(signed.size, entries.length)} entries`,
    );
    return { ok: false, lines };
  }
  const decoded = entries
    .slice(0, report.checkpoint.treeSize)
    .map((e) => ({ ...e, entry: decodeEntryBytes(e.data) }));
  const audit = await auditReport(client, report, { signed, entries: decoded });
  lines.push(
    audit.rootMatches
      ? `report: computed at tree size ${report.checkpoint.treeSize}, root ${report.checkpoint.rootHash} (matches the entries)`
      : `MISMATCH: the report names root ${report.checkpoint.rootHash} at tree size ${report.checkpoint.treeSize}; the entries give ${audit.recomputedRoot}`,
  );
  if (audit.consistentWithSigned === false)
    lines.push('MISMATCH: the report’s tree is not a prefix of the signed checkpoint');
  for (const m of audit.mismatches)
    lines.push(
      `MISMATCH: ${m.path}: report says ${JSON.stringify(m.published)}, the log gives ${JSON.stringify(m.recomputed)}`,
    );
  if (audit.mismatches.length === 0)
    lines.push(
      `figures: every figure for ${report.period.from} .. ${report.period.to} matches the log entries`,
    );
  lines.push(
    audit.ok
      ? 'OK: the transparency report matches the log'
      : 'FAILED: the transparency report does not match the log',
  );
  return { ok: audit.ok, lines };
}

/** `verify-log URL --report FROM TO`, run once the log itself verified. */
export const reportMode: VerifyLogMode = {
  flag: '--report',
  arity: 2,
  usage:
    '--report FROM TO   recompute the transparency report for [FROM, TO) from the log (dates or ISO timestamps)',
  run: ({ baseUrl, checkpoint, entries, args }) =>
    checkReport(fetchLogClient(baseUrl), args[0]!, args[1]!, checkpoint, entries),
};

/**
 * Standalone: opens the log's latest checkpoint with `verifierKey` (or the key the server
 * serves, trusted on first use), recomputes the root of every entry against it, then checks
 * the report for [from, to) with {@link checkReport}.
 */
export async function verifyReport(
  baseUrl: string,
  from: string,
  to: string,
  options: { verifierKey?: string; client?: LogClient } = {},
): Promise<ReportVerification> {
  const client = options.client ?? fetchLogClient(baseUrl);
  const lines: string[] = [];
  const key = options.verifierKey ?? (await client.text('/v1/log/key')).trim();
  if (!options.verifierKey)
    lines.push(`warning: no --key given; trusting the key the server serves: ${key}`);
  const signed = await openCheckpoint(await client.text('/v1/log/checkpoint'), key);
  lines.push(
    `checkpoint: signature valid, tree size ${signed.size}, root ${toBase64(signed.rootHash)}`,
  );
  const entries = await fetchEntries(client, 0, signed.size);
  const allRoot = await rootHash(await Promise.all(entries.map((e) => hashLeaf(e.data))));
  if (toBase64(allRoot) !== toBase64(signed.rootHash)) {
    lines.push(
      `MISMATCH: the ${signed.size} entries served hash to ${toBase64(allRoot)}, not the signed root`,
    );
    return { ok: false, lines };
  }
  lines.push(`entries: all ${signed.size} recomputed to the signed root`);
  const checked = await checkReport(client, from, to, signed, entries);
  return { ok: checked.ok, lines: [...lines, ...checked.lines] };
}

/** `tsx src/cli/verify-report.ts URL FROM TO [--key VKEY]`: exit 0 when it matches, 1 otherwise. */
async function main(argv: string[]): Promise<number> {
  const keyAt = argv.indexOf('--key');
  const verifierKey = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const positional = argv.filter((_, i) => i !== keyAt && i !== keyAt + 1);
  const [url, from, to] = positional;
  if (!url || !from || !to || (keyAt >= 0 && !verifierKey)) {
    console.error(
      'usage: verify-report URL FROM TO [--key VKEY]   (FROM, TO: 2026-01-01 or ISO timestamps)',
    );
    return 2;
  }
  try {
    const result = await verifyReport(url, from, to, verifierKey ? { verifierKey } : {});
    for (const line of result.lines)
      (result.ok || !line.startsWith('MISMATCH') ? console.log : console.error)(line);
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  main(process.argv.slice(2)).then((code) => process.exit(code));
