import { EXEMPTIONS, type Exemption } from '@counterweight/shared/taxonomy';

/**
 * The Art. 1(3) TCO purposes as checkboxes, each with its definition as a hint. `firstInput`
 * adds attributes to the first box (the console's forms focus a field's first control).
 */
export function ExemptionChecklist({
  selected,
  onChange,
  firstInput,
}: {
  selected: readonly Exemption[];
  onChange: (selected: Exemption[]) => void;
  firstInput?: Record<`data-${string}`, string>;
}) {
  return (
    <>
      {EXEMPTIONS.map((e, i) => (
        <div key={e.id} className="option">
          <label>
            <input
              type="checkbox"
              name="exemptions"
              value={e.id}
              checked={selected.includes(e.id)}
              aria-describedby={`exemption-${e.id}-hint`}
              {...(i === 0 ? firstInput : {})}
              onChange={(ev) =>
                onChange(
                  ev.target.checked ? [...selected, e.id] : selected.filter((x) => x !== e.id),
                )
              }
            />{' '}
            {e.name}
          </label>
          <span id={`exemption-${e.id}-hint`} className="hint">
            {e.definition}
          </span>
        </div>
      ))}
    </>
  );
}
