import { z } from 'zod';
import { ReportCheckpoint, ReportingPeriod, TransparencyFigures } from './transparency';

export const SeriesBucket = z.enum(['day', 'week', 'month']);
export type SeriesBucket = z.infer<typeof SeriesBucket>;

/** `GET /v1/transparency/series`: the report's figures per calendar bucket, for charts over time. */
export const TransparencySeries = z.strictObject({
  checkpoint: ReportCheckpoint,
  bucket: SeriesBucket,
  points: z.array(z.strictObject({ period: ReportingPeriod, figures: TransparencyFigures })),
});
export type TransparencySeries = z.infer<typeof TransparencySeries>;
