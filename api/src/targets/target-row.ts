import type { Target, ThemeGuidance } from '@counterweight/shared/target';
import { isoSql } from '../db/db';

/** The columns of a target as {@link toTarget} reads them; same output on PGlite and PostgreSQL. */
export const TARGET_COLUMNS = `id::text AS id, 'T-' || ref_seq::text AS reference,
  ${isoSql('created_at')} AS created_at, status, url, excerpt, excerpt_sha256, theme, target_group,
  language, platform, reach, source, ${isoSql('captured_at')} AS captured_at, claim, responses,
  outcomes, closure`;

export interface TargetRow {
  id: string;
  reference: string;
  created_at: string;
  status: Target['status'];
  url: string;
  excerpt: string;
  excerpt_sha256: string;
  theme: Target['theme'];
  target_group: Target['group'];
  language: string;
  platform: string;
  reach: Target['reach'];
  source: Target['source'];
  captured_at: string;
  claim: Target['claim'];
  responses: Target['responses'];
  outcomes: Target['outcomes'];
  closure: Target['closure'];
  [column: string]: unknown;
}

/** A stored row as the wire `Target`, with the do-no-harm guidance of its theme. */
export function toTarget(row: TargetRow, guidance: ThemeGuidance): Target {
  return {
    id: row.id,
    reference: row.reference,
    createdAt: row.created_at,
    status: row.status,
    url: row.url,
    excerpt: row.excerpt,
    excerptSha256: row.excerpt_sha256,
    theme: row.theme,
    group: row.target_group,
    language: row.language,
    platform: row.platform,
    reach: row.reach,
    source: row.source,
    capturedAt: row.captured_at,
    claim: row.claim,
    responses: row.responses,
    outcomes: row.outcomes,
    closure: row.closure,
    guidance,
  };
}
