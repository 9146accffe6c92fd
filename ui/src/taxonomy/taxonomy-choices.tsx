import type { TaxonomyEntry } from '@counterweight/shared/taxonomy';

/**
 * One choice from a taxonomy list (categories, TCO types, protected characteristics, actions,
 * narrative themes) as radio buttons, each with its definition as a hint, or the reason it is not
 * available. `issue` is shown under the group and marks it invalid.
 */
export function TaxonomyRadios<Id extends string>(props: {
  legend: string;
  name: string;
  entries: readonly TaxonomyEntry<Id>[];
  value: Id | '';
  onChange: (id: Id) => void;
  disabled?: (id: Id) => string | null;
  issue?: string | undefined;
}) {
  return (
    <fieldset aria-invalid={props.issue ? true : undefined}>
      <legend>{props.legend}</legend>
      {props.entries.map((entry) => {
        const why = props.disabled?.(entry.id) ?? null;
        return (
          <div key={entry.id} className="option">
            <label>
              <input
                type="radio"
                name={props.name}
                value={entry.id}
                checked={props.value === entry.id}
                disabled={why !== null}
                aria-describedby={`${props.name}-${entry.id}-hint`}
                onChange={() => props.onChange(entry.id)}
              />{' '}
              {entry.name}
            </label>
            <span id={`${props.name}-${entry.id}-hint`} className="hint">
              {why ?? entry.definition}
            </span>
          </div>
        );
      })}
      {props.issue && <p className="issues">{props.issue}</p>}
    </fieldset>
  );
}

/**
 * The `<option>`s of a select bound to a taxonomy list: a first empty option when `empty` names
 * it ("Choose…", "any"), then each entry by name (and its definition with `definitions`). An
 * entry `disabled` gives a reason for is disabled and says why instead of its definition.
 */
export function TaxonomyOptions<Id extends string>({
  entries,
  empty,
  definitions = false,
  disabled,
}: {
  entries: readonly { id: Id; name: string; definition?: string }[];
  empty?: string;
  definitions?: boolean;
  disabled?: (id: Id) => string | null;
}) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {entries.map((e) => {
        const why = disabled?.(e.id) ?? null;
        return (
          <option key={e.id} value={e.id} disabled={why !== null}>
            {why !== null
              ? `${e.name} (${why})`
              : definitions && e.definition
                ? `${e.name}: ${e.definition}`
                : e.name}
          </option>
        );
      })}
    </>
  );
}
