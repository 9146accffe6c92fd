import { sendMessage } from '@/utils/messaging/messenger';
import { dismissalsItem } from '@/utils/storage/items';
import { useStorageItem } from './hooks/use-storage-item';

/** Dismissed texts per site (kept as hashes only), each site's dismissals undoable at once. */
export function DismissalsBySite() {
  const dismissals = useStorageItem(dismissalsItem);
  const sites = Object.entries(dismissals ?? {}).filter(([, hashes]) => hashes.length > 0);
  return (
    <section aria-labelledby="dismissals-heading">
      <h2 id="dismissals-heading">Dismissed flags</h2>
      {sites.length === 0 ? (
        <p>No dismissals.</p>
      ) : (
        <ul aria-label="Dismissals by site">
          {sites.map(([site, hashes]) => (
            <li key={site} className="row">
              {site}: {hashes.length} dismissed {hashes.length === 1 ? 'text' : 'texts'}
              <button
                type="button"
                onClick={() => void sendMessage('undoDismissals', { site, texts: null })}
              >
                Undo dismissals on {site}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Undone texts are flagged again the next time a page of the site is read.
      </p>
    </section>
  );
}
