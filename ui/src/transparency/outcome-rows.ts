import { ACTION_IDS } from '@counterweight/shared/taxonomy';
import type { TransparencyFigures } from '@counterweight/shared/transparency';

/** One row of a "first decision / after appeal" table. */
export interface OutcomeRow {
  key: string;
  first: number;
  afterAppeal: number;
}

/**
 * The rows that set the first decisions beside the outcomes in force after appeal: every action
 * (in the taxonomy's order, from no action to removal), and every territory either side names
 * (worldwide first, then by code), a territory absent from one side counting 0 there.
 */
export function outcomeRows(f: TransparencyFigures): {
  byAction: OutcomeRow[];
  byTerritory: OutcomeRow[];
} {
  const byAction = ACTION_IDS.map((action) => ({
    key: action,
    first: f.decisions.byAction[action],
    afterAppeal: f.afterAppeal.byAction[action],
  }));
  const territories = [
    ...new Set([
      ...Object.keys(f.decisions.byTerritory),
      ...Object.keys(f.afterAppeal.byTerritory),
    ]),
  ].sort((a, b) => (a === 'worldwide' ? -1 : b === 'worldwide' ? 1 : a.localeCompare(b)));
  const byTerritory = territories.map((territory) => ({
    key: territory,
    first: f.decisions.byTerritory[territory] ?? 0,
    afterAppeal: f.afterAppeal.byTerritory[territory] ?? 0,
  }));
  return { byAction, byTerritory };
}
