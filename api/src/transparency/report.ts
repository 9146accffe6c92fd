import {
  computeTransparencyFigures,
  TRANSPARENCY_METHOD,
  TransparencyReport,
  TransparencySeries,
  type ReportingPeriod,
} from '@counterweight/shared';
import type { LogReader } from './log-reader';
import { splitPeriod, type Bucket } from './period';

/** Where the tree stands for a report: a size the log has published a checkpoint for. */
export type CheckpointSource = () => Promise<{ treeSize: number }>;

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
  const { treeSize } = await checkpoint();
  const entries = await reader.entries(treeSize);
  return TransparencyReport.parse({
    period,
    checkpoint: { treeSize, rootHash: await reader.root(treeSize) },
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
  const { treeSize } = await checkpoint();
  const entries = await reader.entries(treeSize);
  const points = splitPeriod(period, bucket).map((p) => ({
    period: p,
    figures: computeTransparencyFigures(entries, p),
  }));
  return TransparencySeries.parse({
    checkpoint: { treeSize, rootHash: await reader.root(treeSize) },
    bucket,
    points,
  });
}
