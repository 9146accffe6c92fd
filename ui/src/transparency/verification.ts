import type { TransparencyReport } from '@counterweight/shared/transparency';
import {
  auditReport,
  verifyCheckpointSample,
  type LogClient,
} from '@counterweight/shared/transparency-audit';

/** One line of the verification's outcome. */
export interface CheckLine {
  ok: boolean;
  text: string;
}

export interface Verification {
  ok: boolean;
  lines: CheckLine[];
}

/**
 * What the Verify button runs, in this browser on WebCrypto, with the shared auditor functions:
 * the latest checkpoint's signature with `key` (the auditor's, never this server's), `sample`
 * inclusion proofs, then `report`'s root, its consistency with the signed tree and every figure
 * recomputed from the log entries. Throws when the checkpoint itself does not verify.
 */
export async function verifyLogAndReport(
  client: LogClient,
  key: string,
  sample: number,
  report: TransparencyReport | null,
  onStep: (text: string) => void,
): Promise<Verification> {
  const lines: CheckLine[] = [];
  const checked = await verifyCheckpointSample(client, key, sample);
  lines.push({
    ok: true,
    text: `Checkpoint signature valid: ${checked.checkpoint.origin}, tree size ${checked.checkpoint.size}`,
  });
  for (const check of checked.checks) lines.push({ ok: check.ok, text: check.message });
  if (!report) return { ok: checked.ok, lines };
  const size = report.checkpoint.treeSize;
  if (size > checked.checkpoint.size)
    throw new Error('the report names a tree larger than the signed checkpoint');
  onStep(`Recomputing the figures from ${size} log entries…`);
  const audit = await auditReport(client, report, { signed: checked.checkpoint });
  lines.push({
    ok: audit.rootMatches,
    text: `Report root ${audit.rootMatches ? 'matches' : 'does NOT match'} the entries (tree size ${size})`,
  });
  lines.push({
    ok: audit.consistentWithSigned === true,
    text: `Report tree ${audit.consistentWithSigned ? 'is' : 'is NOT'} a prefix of the signed tree (consistency proof)`,
  });
  for (const m of audit.mismatches)
    lines.push({
      ok: false,
      text: `${m.path}: the report says ${JSON.stringify(m.published)}, the log gives ${JSON.stringify(m.recomputed)}`,
    });
  if (audit.mismatches.length === 0)
    lines.push({
      ok: true,
      text: 'Every figure of the report matches the log entries, first decisions and outcomes after appeal included',
    });
  return { ok: checked.ok && audit.ok, lines };
}
