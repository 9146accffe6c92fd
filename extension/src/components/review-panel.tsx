import { useEffect, useState } from 'react';
import type { ReportSubmission } from '@counterweight/shared/report';
import { sendMessage } from '@/utils/messaging/messenger';
import type { PageFlag } from '@/utils/page/page-flag';
import {
  buildSubmission,
  emptyDraft,
  excerptOf,
  previewJson,
  type Issue,
  type ReviewDraft,
} from '@/utils/review/review-draft';
import { sha256Hex } from '@/utils/review/sha256';
import { ReviewForm } from './review-form';

type Shot = { dataUrl: string; sha256: string; capturedAt: string };

/**
 * Confirming a flag: the review form, then a preview of exactly what will be sent (excerpt, URL,
 * hash, the JSON body), then the outbox. Optionally a screenshot of the visible tab is kept as
 * evidence with the report.
 */
export function ReviewPanel(props: {
  flag: PageFlag;
  site: string;
  language: string | null;
  tabId: number;
  windowId: number | null;
  onClose: (sent: boolean) => void;
}) {
  const [draft, setDraft] = useState<ReviewDraft>(() => emptyDraft(props.language));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [preview, setPreview] = useState<ReportSubmission | null>(null);
  const [hash, setHash] = useState<string>('');
  const [shot, setShot] = useState<Shot | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const excerpt = excerptOf(props.flag);

  useEffect(() => {
    void sha256Hex(excerpt).then(setHash);
  }, [excerpt]);

  const review = () => {
    const built = buildSubmission(props.flag, draft, {
      site: props.site,
      excerptSha256: hash,
      reviewedAt: new Date().toISOString(),
    });
    if (built.ok) {
      setIssues([]);
      setPreview(built.submission);
    } else setIssues(built.issues);
  };

  const capture = async () => {
    setBusy('Capturing the visible tab…');
    setError(null);
    try {
      setShot(await sendMessage('captureScreenshot', { windowId: props.windowId }));
    } catch (e) {
      setError(`Screenshot failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    if (!preview) return;
    setBusy('Putting the report in the outbox…');
    try {
      await sendMessage('enqueueReport', {
        submission: preview,
        screenshot: shot ? { dataUrl: shot.dataUrl, sha256: shot.sha256 } : null,
      });
      await sendMessage('markReported', { flagId: props.flag.flagId }, props.tabId).catch(
        () => undefined,
      );
      props.onClose(true);
    } catch (e) {
      setError(`Could not queue the report: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">{preview ? 'Check what will be sent' : 'Review this flag'}</h2>
      <dl className="kv" aria-label="Evidence">
        <dt>Excerpt</dt>
        <dd className="excerpt" data-testid="excerpt">
          {excerpt}
        </dd>
        <dt>URL</dt>
        <dd data-testid="url">{props.flag.url}</dd>
        <dt>Seen at</dt>
        <dd>{props.flag.capturedAt}</dd>
        <dt>SHA-256</dt>
        <dd data-testid="excerpt-sha256">{hash}</dd>
        {shot && (
          <>
            <dt>Screenshot</dt>
            <dd>
              <img
                className="shot"
                src={shot.dataUrl}
                alt="Screenshot of the visible tab, kept as evidence"
              />
              <br />
              SHA-256 {shot.sha256}
              <br />
              <small>Kept in this browser with the report (the API takes no images).</small>
            </dd>
          </>
        )}
      </dl>
      {!preview && (
        <>
          <ReviewForm draft={draft} issues={issues} onChange={setDraft} />
          {issues.length > 0 && (
            <div className="issues" role="alert">
              <p>Please complete the form:</p>
              <ul>
                {issues.map((i) => (
                  <li key={i.path}>
                    {i.path}: {i.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {preview && (
        <>
          <p>This exact body goes to the API, with your token, once you send it:</p>
          <pre className="json" data-testid="preview-json">
            {previewJson(preview)}
          </pre>
        </>
      )}
      {error && (
        <p className="issues" role="alert">
          {error}
        </p>
      )}
      {busy && <p role="status">{busy}</p>}
      <div className="row">
        {!shot && (
          <button type="button" onClick={capture} disabled={busy !== null}>
            Capture screenshot as evidence
          </button>
        )}
        {!preview ? (
          <button type="button" className="primary" onClick={review} disabled={!hash}>
            Preview report
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setPreview(null)}>
              Back to the form
            </button>
            <button type="button" className="primary" onClick={send} disabled={busy !== null}>
              Send report
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
