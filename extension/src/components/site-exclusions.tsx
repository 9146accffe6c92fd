import { useEffect, useRef, useState, type FormEvent } from 'react';
import { settingsItem } from '@/utils/storage/items';
import { parseSiteList } from '@/utils/storage/site-list';
import { useStorageItem } from './hooks/use-storage-item';

/**
 * The sites the extension does not scan, editable (the popup's per-site switch writes the same
 * list). The API the extension reports to is never scanned and needs no line here.
 */
export function SiteExclusions() {
  const settings = useStorageItem(settingsItem);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const stored = settings?.disabledSites.join('\n') ?? '';
  useEffect(() => setText((t) => t ?? (settings ? stored : null)), [settings, stored]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSiteList(text ?? '');
    if (!parsed.ok) {
      setError(parsed.message);
      field.current?.focus();
      return;
    }
    setError(null);
    await settingsItem.update((s) => ({ ...s, disabledSites: parsed.sites }));
    setText(parsed.sites.join('\n'));
    setSaved(true);
  };

  return (
    <form onSubmit={save} aria-labelledby="exclusions-heading">
      <h2 id="exclusions-heading">Sites not scanned</h2>
      <label>
        One site per line (host names; a pasted address keeps its host)
        <textarea
          ref={field}
          rows={4}
          value={text ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'exclusions-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
            // A message goes as soon as the list is right.
            if (error && parseSiteList(e.target.value).ok) setError(null);
          }}
        />
      </label>
      {error && (
        <p id="exclusions-error" className="issues">
          {error}
        </p>
      )}
      <p className="row">
        <button type="submit">Save the list</button>
        {saved && <span role="status">Saved.</span>}
      </p>
      <p className="hint">
        The pages of the API this browser reports to are never scanned, whatever this list says.
      </p>
    </form>
  );
}
