import { useEffect, useRef, useState } from 'react';
import type { ReportSubmission } from '@counterweight/shared/report';
import { ExcerptText } from '@counterweight/ui/taxonomy';
import { sendMessage } from '@/utils/messaging/messenger';
import {
  buildSubmission,
  emptyDraft,
  excerptOf,
  isFlag,
  isMatchedImage,
  isSelection,
  previewJson,
  type Issue,
  type ReviewDraft,
  type ReviewSubject,
} from '@/utils/review/review-draft';
import { reviewerMessage } from '@/utils/review/issue-messages';
import { sha256Hex } from '@/utils/review/sha256';
import { ImageEvidence } from './image-evidence';
import { ReviewForm } from './review-form';

type Shot = { dataUrl: string; sha256: string; capturedAt: string };

/**
 * Confirming a flag (or a group of near-duplicates: one review, one report per text), or
 * reporting text the reviewer selected (any language, `detectedBy: "reviewer"`): the review
 * form, then a preview of exactly what will be sent (excerpt, URL, hash, the JSON body), then the
 * outbox. Optionally a screenshot of the visible tab is kept as evidence with the report. Form
 * issues are shown next to their field in plain words, the first one focused, and each goes as
 * soon as its field is right.
 */
export function ReviewPanel(props: {
  /** The flags confirmed together, or one selection; the first is shown and previewed. */
  subjects: ReviewSubject[];
  site: string;
  language: string | null;
  tabId: number;
  windowId: number | null;
  onClose: (sent: boolean) => void;
}) {
  const [draft, setDraft] = useState<ReviewDraft>(() => emptyDraft(props.language));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [preview, setPreview] = useState<ReportSubmission[] | null>(null);
  const [hashes, setHashes] = useState<string[]>([]);
  const form = useRef<HTMLDivElement>(null);
  const lead = props.subjects[0]!;
  const hash = hashes[0] ?? '';
  const [shot, setShot] = useState<Shot | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const excerpt = excerptOf(lead);

  useEffect(() => {
    void Promise.all(props.subjects.map((f) => sha256Hex(excerptOf(f)))).then(setHashes);
  }, [props.subjects]);

  const build = (d: ReviewDraft) => {
    const reviewedAt = new Date().toISOString();
    const submissions: ReportSubmission[] = [];
    for (const [i, flag] of props.subjects.entries()) {
      const built = buildSubmission(flag, d, {
        site: props.site,
        excerptSha256: hashes[i] ?? '',
        reviewedAt,
      });
      if (!built.ok) return { ok: false as const, issues: built.issues };
      submissions.push(built.submission);
    }
    return { ok: true as const, submissions };
  };

  const change = (next: ReviewDraft) => {
    setDraft(next);
    // Once the reviewer has tried, each message goes as soon as its field is right.
    if (attempted) {
      const built = build(next);
      setIssues(built.ok ? [] : built.issues);
    }
  };

  const review = () => {
    setAttempted(true);
    const built = build(draft);
    if (built.ok) {
      setIssues([]);
      setPreview(built.submissions);
    } else {
      setIssues(built.issues);
      // After React has marked the fields: the first one in error takes the focus.
      requestAnimationFrame(() => {
        const first = form.current?.querySelector('[aria-invalid="true"]');
        const target =
          first && first.tagName === 'FIELDSET'
            ? first.querySelector<HTMLElement>('input:not(:disabled), textarea')
            : (first as HTMLElement | null);
        target?.focus();
      });
    }
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
    setBusy(
      preview.length > 1
        ? 'Putting the reports in the outbox…'
        : 'Putting the report in the outbox…',
    );
    try {
      for (const [i, submission] of preview.entries()) {
        await sendMessage('enqueueReport', {
          submission,
          screenshot: shot ? { dataUrl: shot.dataUrl, sha256: shot.sha256 } : null,
        });
        const subject = props.subjects[i]!;
        if (isFlag(subject))
          await sendMessage('markReported', { flagId: subject.flagId }, props.tabId).catch(
            () => undefined,
          );
      }
      props.onClose(true);
    } catch (e) {
      setError(`Could not queue the report: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">
        {preview
          ? 'Check what will be sent'
          : isSelection(lead)
            ? 'Review the selected text'
            : isMatchedImage(lead)
              ? 'Review this known image'
              : 'Review this flag'}
      </h2>
      <dl className="kv" aria-label="Evidence">
        <dt>Excerpt</dt>
        <ExcerptText as="dd" className="excerpt" data-testid="excerpt" text={excerpt} />
        <dt>URL</dt>
        <dd data-testid="url">{lead.url}</dd>
        <dt>Seen at</dt>
        <dd>{lead.capturedAt}</dd>
        <dt>SHA-256</dt>
        <dd data-testid="excerpt-sha256">{hash}</dd>
        {isMatchedImage(lead) && <ImageEvidence subject={lead} />}
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
              <small>
                Sent with the report as evidence (the API checks its SHA-256); an image over 2 MB
                stays in this browser.
              </small>
            </dd>
          </>
        )}
      </dl>
      {props.subjects.length > 1 && (
        <p role="note">
          One review for {props.subjects.length} similar texts: each is sent as its own report, with
          its own excerpt and hash.
        </p>
      )}
      {!preview && (
        <div ref={form}>
          <ReviewForm draft={draft} issues={issues} onChange={change} />
          {issues.length > 0 && (
            <div className="issues" role="alert">
              <p>Please complete the form:</p>
              <ul>
                {issues.map((i) => (
                  <li key={i.path}>{reviewerMessage(i)}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {preview?.[0] && (
        <>
          <p>
            This exact body goes to the API, with your token, once you send it
            {preview.length > 1 ? ` (and ${preview.length - 1} more like it, one per text)` : ''}:
          </p>
          <pre className="json" data-testid="preview-json">
            {previewJson(preview[0])}
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
          <button
            type="button"
            className="primary"
            onClick={review}
            disabled={hashes.length < props.subjects.length}
          >
            Preview report
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setPreview(null)}>
              Back to the form
            </button>
            <button type="button" className="primary" onClick={send} disabled={busy !== null}>
              {preview.length > 1 ? `Send ${preview.length} reports` : 'Send report'}
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
