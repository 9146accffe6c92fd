import { useEffect, useState } from 'react';
import { NARRATIVE_THEMES, type TargetSubmission } from '@counterweight/shared/target';
import { ExcerptText, TARGETED_GROUPS, TaxonomyOptions } from '@counterweight/ui/taxonomy';
import { sendMessage } from '@/utils/messaging/messenger';
import { sha256Hex } from '@/utils/review/sha256';
import {
  buildTargetSubmission,
  emptyTargetDraft,
  targetExcerpt,
  type TargetCandidate,
  type TargetDraft,
  type TargetIssue,
} from '@/utils/targets/target-draft';

/**
 * "Mark as counter-narrative target" (role cso): theme, targeted group, language, platform and
 * the reach the page shows, then a preview of exactly what is sent, then the outbox. A target is
 * for answering with a counter- or alternative narrative; it never feeds a removal decision.
 */
export function TargetPanel(props: {
  candidate: TargetCandidate;
  onClose: (sent: boolean) => void;
}) {
  const { candidate } = props;
  const [draft, setDraft] = useState<TargetDraft>(() => emptyTargetDraft(candidate));
  const [hash, setHash] = useState('');
  const [issues, setIssues] = useState<TargetIssue[]>([]);
  const [preview, setPreview] = useState<TargetSubmission | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const excerpt = targetExcerpt(candidate.text);
  const set = (patch: Partial<TargetDraft>) => setDraft({ ...draft, ...patch });
  const issue = (path: string) =>
    issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

  useEffect(() => {
    void sha256Hex(excerpt).then(setHash);
  }, [excerpt]);

  // the reach the page shows arrives after the form opens; it fills only what is still empty
  const { views, shares } = candidate.reach ?? {};
  useEffect(() => {
    setDraft((d) => ({
      ...d,
      views: d.views === '' && views !== undefined ? String(views) : d.views,
      shares: d.shares === '' && shares !== undefined ? String(shares) : d.shares,
    }));
  }, [views, shares]);

  const review = () => {
    const built = buildTargetSubmission(candidate, draft, hash);
    if (built.ok) {
      setIssues([]);
      setPreview(built.submission);
    } else setIssues(built.issues);
  };

  const send = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      await sendMessage('enqueueTarget', { submission: preview });
      props.onClose(true);
    } catch (e) {
      setError(`Could not queue the target: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="target-heading" data-testid="target-panel">
      <h2 id="target-heading">
        {preview ? 'Check the target before sending' : 'Mark as counter-narrative target'}
      </h2>
      <p className="hint">
        For counter- and alternative narratives only: a target never feeds a removal decision.
      </p>
      <dl className="kv" aria-label="Target">
        <dt>Excerpt</dt>
        <ExcerptText as="dd" className="excerpt" data-testid="target-excerpt" text={excerpt} />
        <dt>URL</dt>
        <dd>{candidate.url}</dd>
        <dt>Found via</dt>
        <dd>{candidate.source === 'flag' ? 'a flag on the page' : 'selected text'}</dd>
      </dl>
      {!preview && (
        <div>
          <fieldset aria-invalid={issue('theme') ? true : undefined}>
            <legend>Narrative theme</legend>
            {NARRATIVE_THEMES.map((theme) => (
              <label key={theme.id} className="option">
                <input
                  type="radio"
                  name="theme"
                  value={theme.id}
                  checked={draft.theme === theme.id}
                  onChange={() => set({ theme: theme.id })}
                />{' '}
                {theme.name}
                <span className="hint">{theme.definition}</span>
              </label>
            ))}
            {issue('theme') && <p className="issues">{issue('theme')}</p>}
          </fieldset>
          <label>
            Group targeted{' '}
            <select
              name="group"
              value={draft.group}
              onChange={(e) => set({ group: e.target.value as TargetDraft['group'] })}
            >
              <TaxonomyOptions entries={TARGETED_GROUPS} empty="choose…" />
            </select>
          </label>
          {issue('group') && <p className="issues">{issue('group')}</p>}
          <label>
            Language (ISO 639-1){' '}
            <input
              name="language"
              value={draft.language}
              maxLength={2}
              size={3}
              onChange={(e) => set({ language: e.target.value })}
            />
          </label>
          {issue('language') && <p className="issues">{issue('language')}</p>}
          <label>
            Platform{' '}
            <input
              name="platform"
              value={draft.platform}
              onChange={(e) => set({ platform: e.target.value })}
            />
          </label>
          {issue('platform') && <p className="issues">{issue('platform')}</p>}
          <fieldset>
            <legend>Visible reach, if the page shows it</legend>
            <label>
              Views{' '}
              <input
                name="views"
                inputMode="numeric"
                value={draft.views}
                onChange={(e) => set({ views: e.target.value })}
              />
            </label>{' '}
            <label>
              Shares{' '}
              <input
                name="shares"
                inputMode="numeric"
                value={draft.shares}
                onChange={(e) => set({ shares: e.target.value })}
              />
            </label>
            {issue('reach') && <p className="issues">{issue('reach')}</p>}
          </fieldset>
        </div>
      )}
      {preview && (
        <>
          <p>This exact body goes to the API, with your token, once you send it:</p>
          <pre className="json" data-testid="target-preview-json">
            {JSON.stringify(preview, null, 2)}
          </pre>
        </>
      )}
      {error && (
        <p className="issues" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        {!preview ? (
          <button type="button" className="primary" onClick={review} disabled={!hash}>
            Preview target
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setPreview(null)}>
              Back to the form
            </button>
            <button type="button" className="primary" onClick={send} disabled={busy}>
              Send target
            </button>
          </>
        )}
        <button type="button" onClick={() => props.onClose(false)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
