import { emptyFigures } from '@counterweight/shared/transparency';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AppealOutcomes } from './appeal-outcomes';

describe('AppealOutcomes', () => {
  it('shows a reversed removal as removed first and as no restriction after appeal', () => {
    const f = emptyFigures();
    f.decisions.byAction.remove = 1;
    f.decisions.byTerritory = { worldwide: 1 };
    f.afterAppeal.byAction.no_action = 1;
    f.afterAppeal.changedOnAppeal = 1;
    const html = renderToStaticMarkup(<AppealOutcomes figures={f} />);
    expect(html).toContain(
      '<tr class="changed"><th scope="row">remove</th><td>1</td><td>0</td></tr>',
    );
    expect(html).toContain(
      '<tr class="changed"><th scope="row">no action</th><td>0</td><td>1</td></tr>',
    );
    expect(html).toContain(
      '<tr class="changed"><th scope="row">worldwide</th><td>1</td><td>0</td></tr>',
    );
    expect(html).toContain('1 first decision was changed on appeal.');
  });

  it('says none when nothing was actioned', () => {
    const html = renderToStaticMarkup(<AppealOutcomes figures={emptyFigures()} />);
    expect(html).toMatch(/id="after-appeal-by-territory".*<td colSpan="3">none<\/td>/);
    expect(html).toContain('0 first decisions were changed on appeal.');
  });
});
