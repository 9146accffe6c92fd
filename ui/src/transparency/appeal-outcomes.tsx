import type { TransparencyFigures } from '@counterweight/shared/transparency';
import { words } from './figure-format';
import { outcomeRows, type OutcomeRow } from './outcome-rows';

function OutcomeTable({ id, caption, rows }: { id: string; caption: string; rows: OutcomeRow[] }) {
  return (
    <table id={id} className="outcomes">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{id.endsWith('action') ? 'action' : 'territory'}</th>
          <th scope="col">first decisions</th>
          <th scope="col">after appeal</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3}>none</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key} className={r.first !== r.afterAppeal ? 'changed' : undefined}>
            <th scope="row">{words(r.key)}</th>
            <td>{r.first}</td>
            <td>{r.afterAppeal}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The decisions of the period as first taken, beside the outcome in force after their appeals
 * (reversed: no restriction; modified: the new action and territories), by action and territory.
 */
export function AppealOutcomes({ figures }: { figures: TransparencyFigures }) {
  const { byAction, byTerritory } = outcomeRows(figures);
  return (
    <section id="after-appeal" aria-labelledby="after-appeal-title">
      <h3 id="after-appeal-title">First decisions and final outcomes after appeal</h3>
      <p className="hint">
        Each decision of the period counted twice: as first taken, and as it stands after every
        appeal decided on it by the report's checkpoint (upheld: unchanged; reversed: no
        restriction; modified: the new action and territories). Both columns are recomputed from the
        log by the Verify button below.{' '}
        <strong data-testid="changed-on-appeal">
          {figures.afterAppeal.changedOnAppeal} first{' '}
          {figures.afterAppeal.changedOnAppeal === 1 ? 'decision was' : 'decisions were'} changed on
          appeal.
        </strong>
      </p>
      <div className="outcome-tables">
        <OutcomeTable id="after-appeal-by-action" caption="By action" rows={byAction} />
        <OutcomeTable
          id="after-appeal-by-territory"
          caption="Actioned items by territory"
          rows={byTerritory}
        />
      </div>
    </section>
  );
}
