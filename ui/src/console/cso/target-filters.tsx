import type { FormEvent } from 'react';
import { NARRATIVE_THEMES, TARGET_STATUS_IDS } from '@counterweight/shared/target';
import { TARGETED_GROUPS, TaxonomyOptions } from '../../taxonomy';
import { NO_FILTERS, type BoardFilters } from './target-queries';

const TARGET_STATUSES = TARGET_STATUS_IDS.map((id) => ({ id, name: id }));

/** The board's filter form (theme, group, language, platform, status, capture dates). */
export function TargetFilters({
  initial,
  onApply,
  onExport,
}: {
  initial: BoardFilters;
  onApply: (filters: BoardFilters) => void;
  onExport: () => void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: keyof BoardFilters) => String(form.get(name) ?? '');
    onApply(
      Object.fromEntries(
        Object.keys(NO_FILTERS).map((k) => [k, value(k as keyof BoardFilters)]),
      ) as unknown as BoardFilters,
    );
  };
  return (
    <form id="filters" className="filters cso-filters" onSubmit={submit} aria-label="Board filters">
      <label htmlFor="board-theme">Theme</label>
      <select id="board-theme" name="theme" defaultValue={initial.theme}>
        <TaxonomyOptions entries={NARRATIVE_THEMES} empty="any" />
      </select>
      <label htmlFor="board-group">Group</label>
      <select id="board-group" name="group" defaultValue={initial.group}>
        <TaxonomyOptions entries={TARGETED_GROUPS} empty="any" />
      </select>
      <label htmlFor="board-language">Language</label>
      <input
        id="board-language"
        name="language"
        defaultValue={initial.language}
        size={3}
        maxLength={2}
        pattern="[a-z]{2}"
        placeholder="en"
      />
      <label htmlFor="board-platform">Platform</label>
      <input
        id="board-platform"
        name="platform"
        defaultValue={initial.platform}
        size={12}
        placeholder="x.com"
      />
      <label htmlFor="board-status">Status</label>
      <select id="board-status" name="status" defaultValue={initial.status}>
        <TaxonomyOptions entries={TARGET_STATUSES} empty="any" />
      </select>
      <label htmlFor="board-from">Captured from</label>
      <input id="board-from" name="from" type="date" defaultValue={initial.from} />
      <label htmlFor="board-to">to</label>
      <input id="board-to" name="to" type="date" defaultValue={initial.to} />
      <button type="submit">Apply</button>
      <button type="button" id="export-csv" onClick={onExport}>
        Export CSV
      </button>
    </form>
  );
}
