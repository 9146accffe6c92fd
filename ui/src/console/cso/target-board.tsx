import { useCallback, useEffect, useState } from 'react';
import { TargetPage, type Target } from '@counterweight/shared/target';
import { api, objectUrl } from '../../common/api-client';
import { failureText } from './failure-text';
import { TargetCard } from './target-card';
import { TargetFilters } from './target-filters';
import { boardQuery, filtersFromQuery, type BoardFilters } from './target-queries';

const PAGE_SIZE = 20;

/** The targets board: filters, the targets page by page, the CSV export of what is shown. */
export function TargetBoard() {
  const [filters, setFilters] = useState<BoardFilters>(() => filtersFromQuery(location.search));
  const [targets, setTargets] = useState<Target[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async (applied: BoardFilters, after: string | null) => {
    const query = boardQuery(applied);
    query.set('limit', String(PAGE_SIZE));
    if (after) query.set('cursor', after);
    setError(null);
    try {
      const page = TargetPage.parse(await api(`/v1/targets?${query}`));
      setTargets((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (e) {
      setError(failureText(e));
    }
  }, []);
  useEffect(() => void load(filters, null), [filters, load]);

  const exportCsv = async () => {
    try {
      const href = await objectUrl(`/v1/targets.csv?${boardQuery(filters)}`);
      const link = document.createElement('a');
      link.href = href;
      link.download = 'counterweight-targets.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setError(failureText(e));
    }
  };

  const replace = (updated: Target) =>
    setTargets((shown) => shown.map((t) => (t.id === updated.id ? updated : t)));

  return (
    <section className="card" aria-labelledby="board-title">
      <h2 id="board-title">Targets board</h2>
      <TargetFilters
        initial={filters}
        onApply={(f) => setFilters({ ...f })}
        onExport={() => void exportCsv()}
      />
      {error && (
        <p id="board-error" className="error" role="alert">
          {error}
        </p>
      )}
      <p id="board-count" className="hint" aria-live="polite">
        {loaded &&
          `${targets.length} target${targets.length === 1 ? '' : 's'} shown${cursor ? ' (more available)' : ''}`}
      </p>
      <ol id="board" className="board">
        {targets.map((t) => (
          <TargetCard key={t.id} target={t} onUpdated={replace} />
        ))}
      </ol>
      {cursor && (
        <button type="button" id="more" onClick={() => void load(filters, cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}
