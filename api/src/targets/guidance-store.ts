import {
  defaultGuidance,
  NARRATIVE_THEME_IDS,
  type NarrativeTheme,
  type ThemeGuidance,
} from '@counterweight/shared/target';
import { isoSql, type Queryable } from '../db/db';

/** The do-no-harm guidance of every theme: an admin's edit where there is one, else the default. */
export async function allGuidance(db: Queryable): Promise<Record<NarrativeTheme, ThemeGuidance>> {
  const rows = await db.query<{ theme: NarrativeTheme; points: string[]; updated_at: string }>(
    `SELECT theme, points, ${isoSql('updated_at')} AS updated_at FROM theme_guidance`,
  );
  const guidance = Object.fromEntries(
    NARRATIVE_THEME_IDS.map((t) => [t, defaultGuidance(t)]),
  ) as Record<NarrativeTheme, ThemeGuidance>;
  for (const row of rows)
    if (row.theme in guidance)
      guidance[row.theme] = { theme: row.theme, points: row.points, updatedAt: row.updated_at };
  return guidance;
}

/** Replaces the guidance of one theme (admin); returns it as stored. */
export async function putGuidance(
  db: Queryable,
  theme: NarrativeTheme,
  points: string[],
  adminTokenId: string,
  now: Date,
): Promise<ThemeGuidance> {
  await db.query(
    `INSERT INTO theme_guidance (theme, points, updated_at, updated_by) VALUES ($1, $2::text::jsonb, $3, $4)
     ON CONFLICT (theme) DO UPDATE SET points = EXCLUDED.points, updated_at = EXCLUDED.updated_at,
       updated_by = EXCLUDED.updated_by`,
    [theme, JSON.stringify(points), now.toISOString(), adminTokenId],
  );
  return { theme, points, updatedAt: now.toISOString() };
}
