import {
  computeTransparencyFigures,
  TRANSPARENCY_METHOD,
  TransparencyReport,
  TransparencySeries,
  type ReportingPeriod,
} from '@counterweight/shared';
import type { LogReader } from './log-reader';
import { splitPeriod, type Bucket } from './period';

/** The latest published checkpoint: its tree size and root hash (standard base64). */
export type CheckpointSource = () => { treeSize: number; rootHash: string };

/**
 * Builds the transparency report for `period` from the first `treeSize` log entries (the
 * latest checkpoint), naming that checkpoint's size and root so anyone can recompute it.
 */
export async function buildTransparencyReport(
  reader: LogReader,
  checkpoint: CheckpointSource,
  period: ReportingPeriod,
  now: Date = new Date(),
): Promise<TransparencyReport> {
  const at = checkpoint();
  const entries = await reader.entries(at.treeSize);
  return TransparencyReport.parse({
    period,
    checkpoint: at,
    generatedAt: now.toISOString(),
    figures: computeTransparencyFigures(entries, period),
    method: TRANSPARENCY_METHOD,
  });
}

/** The figures of each calendar bucket of `period`, for charts over time. */
export async function buildTransparencySeries(
  reader: LogReader,
  checkpoint: CheckpointSource,
  period: ReportingPeriod,
  bucket: Bucket,
): Promise<TransparencySeries> {
  const at = checkpoint();
  const entries = await reader.entries(at.treeSize);
  const points = splitPeriod(period, bucket).map((p) => ({
    period: p,
    figures: computeTransparencyFigures(entries, p),
  }));
  return TransparencySeries.parse({
    checkpoint: at,
    bucket,
    points,
  });
}
