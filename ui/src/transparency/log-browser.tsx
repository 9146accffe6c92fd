import { useEffect, useState } from 'react';
import type { LogEntry } from '@counterweight/shared/log-entry';
import {
  fetchEntries,
  type FetchedEntry,
  type LogClient,
} from '@counterweight/shared/transparency-audit';

/** Entries shown per page. */
export const LOG_PAGE = 25;

/** What the details column shows: the entry's details, with its exemptions and excerpt hash. */
export function entryDetails(entry: LogEntry): string {
  return JSON.stringify({
    ...entry.details,
    ...(entry.exemptions?.length ? { exemptions: entry.exemptions } : {}),
    ...(entry.excerptSha256 ? { excerptSha256: entry.excerptSha256 } : {}),
  });
}

function LogRow({ index, entry }: FetchedEntry) {
  return (
    <tr data-index={index}>
      <td>{index}</td>
      <td>{entry.at}</td>
      <td>{entry.type}</td>
      <td>{entry.caseNumber ?? ''}</td>
      <td>{[entry.category, entry.tcoType].filter(Boolean).join(' / ')}</td>
      <td>{entry.action ?? ''}</td>
      <td>{entry.actor ?? ''}</td>
      <td className="details">{entryDetails(entry)}</td>
    </tr>
  );
}

/**
 * The log's entries up to the report's tree size, newest first, a page at a time. Each is decoded
 * here from the exact bytes that were hashed (never from the server's own decoding), and shown as
 * text: whatever an entry says is never parsed as markup.
 */
export function LogBrowser({
  client,
  treeSize,
  onShown,
}: {
  client: LogClient;
  treeSize: number;
  /** Called each time a page of entries (or the reason it could not load) is shown. */
  onShown?: () => void;
}) {
  const [end, setEnd] = useState(treeSize);
  const [entries, setEntries] = useState<FetchedEntry[]>([]);
  const [error, setError] = useState('');
  useEffect(() => setEnd(treeSize), [treeSize]);
  const start = Math.max(0, end - LOG_PAGE);
  useEffect(() => {
    let current = true;
    setError('');
    fetchEntries(client, start, end)
      .then(
        (fetched) => current && setEntries(fetched.reverse()),
        (e: unknown) =>
          current &&
          setError(`Could not load log entries: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => current && onShown?.());
    return () => {
      current = false;
    };
  }, [client, start, end, onShown]);
  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">Log browser</h2>
      <p className="hint">
        Entries decoded in this browser from the exact bytes that were hashed. They hold no personal
        data: opaque ids, hashes of the excerpt and URL, and keyed pseudonyms of reviewers.
      </p>
      <div className="pager">
        <button
          type="button"
          id="newer"
          disabled={end >= treeSize}
          onClick={() => setEnd(Math.min(treeSize, end + LOG_PAGE))}
        >
          Newer
        </button>{' '}
        <span id="log-range" className="hint">
          {end === 0 ? 'the log is empty' : `entries ${start} to ${end - 1} (newest first)`}
        </span>{' '}
        <button
          type="button"
          id="older"
          disabled={start === 0}
          onClick={() => setEnd(Math.max(Math.min(LOG_PAGE, treeSize), end - LOG_PAGE))}
        >
          Older
        </button>
      </div>
      <p id="log-error" className="error" role="alert">
        {error}
      </p>
      <div className="scroll-x">
        <table id="log" className="log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">time</th>
              <th scope="col">event</th>
              <th scope="col">case</th>
              <th scope="col">category</th>
              <th scope="col">action</th>
              <th scope="col">actor</th>
              <th scope="col">details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <LogRow key={e.index} {...e} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
