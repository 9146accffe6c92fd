import { emptyFigures } from '@counterweight/shared/transparency';
import { describe, expect, it } from 'vitest';
import { outcomeRows } from './outcome-rows';

describe('outcomeRows', () => {
  it('sets a reversed removal (remove, worldwide) beside its outcome after appeal', () => {
    const f = emptyFigures();
    f.decisions.byAction.remove = 2;
    f.decisions.byTerritory = { worldwide: 2 };
    f.afterAppeal.byAction.remove = 0;
    f.afterAppeal.byAction.no_action = 1;
    f.afterAppeal.byAction.disable_in_territory = 1;
    f.afterAppeal.byTerritory = { FR: 1 };
    const { byAction, byTerritory } = outcomeRows(f);
    expect(byAction.map((r) => r.key)).toEqual([
      'no_action',
      'label',
      'demote',
      'restrict_interaction',
      'age_restrict',
      'disable_in_territory',
      'remove',
    ]);
    expect(byAction.find((r) => r.key === 'remove')).toEqual({
      key: 'remove',
      first: 2,
      afterAppeal: 0,
    });
    expect(byAction.find((r) => r.key === 'no_action')).toEqual({
      key: 'no_action',
      first: 0,
      afterAppeal: 1,
    });
    expect(byTerritory).toEqual([
      { key: 'worldwide', first: 2, afterAppeal: 0 },
      { key: 'FR', first: 0, afterAppeal: 1 },
    ]);
  });

  it('puts worldwide first and the territories in code order', () => {
    const f = emptyFigures();
    f.decisions.byTerritory = { DE: 1, AT: 1 };
    f.afterAppeal.byTerritory = { worldwide: 1, AT: 1 };
    expect(outcomeRows(f).byTerritory.map((r) => r.key)).toEqual(['worldwide', 'AT', 'DE']);
  });
});
