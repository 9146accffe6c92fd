import { useEffect, useState } from 'react';
import type { Report } from '@counterweight/shared/report';
import { EXEMPTIONS, POLICY_CATEGORIES, TCO_TYPES, ACTIONS } from '@counterweight/shared/taxonomy';
import { imageUrl } from '../common/api-client';
import { when } from '../common/format';
import { ExcerptText } from '../taxonomy/excerpt-text';
import { mediaFacts } from './media-facts';

const nameOf = (entries: readonly { id: string; name: string }[], id: string | undefined) =>
  entries.find((e) => e.id === id)?.name ?? id ?? '—';

/** Categories whose text is violent enough to stay collapsed until the reviewer asks for it. */
const COLLAPSED = new Set(['terrorist_content', 'violent_extremism']);

/** The screenshot evidence: blurred and in grayscale until the reviewer clicks it. */
function Screenshot({ report }: { report: Report }) {
  const [url, setUrl] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!report.screenshot) return;
    let objectUrl: string | null = null;
    imageUrl(`/v1/reports/${report.id}/screenshot`)
      .then((u) => setUrl((objectUrl = u)))
      .catch(() => setFailed(true));
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [report.id, report.screenshot]);
  if (!report.screenshot) return <p className="hint">No screenshot was kept with this report.</p>;
  if (failed) return <p className="error">The screenshot could not be loaded.</p>;
  return (
    <figure className="screenshot">
      <button
        type="button"
        className={revealed ? 'reveal shown' : 'reveal'}
        aria-pressed={revealed}
        onClick={() => setRevealed(!revealed)}
      >
        {url && (
          <img
            src={url}
            alt={revealed ? 'Screenshot evidence' : 'Screenshot evidence, blurred: click to show'}
          />
        )}
        <span className="reveal-label">{revealed ? 'Blur again' : 'Show screenshot'}</span>
      </button>
      <figcaption>
        SHA-256 <code>{report.screenshot.sha256}</code> · {report.screenshot.mediaType}
      </figcaption>
    </figure>
  );
}

/** The excerpt, always as text; violent content collapsed behind "show". */
function Excerpt({ report }: { report: Report }) {
  const collapse = COLLAPSED.has(report.assessment.category) || report.assessment.threatToLife;
  const [open, setOpen] = useState(!collapse);
  useEffect(() => setOpen(!collapse), [report.id, collapse]);
  if (!report.content)
    return <p className="hint">The content was purged under the retention rule.</p>;
  return (
    <div className="excerpt">
      {open ? (
        <ExcerptText
          lang={report.content.language}
          data-testid="excerpt"
          text={report.content.excerpt}
        />
      ) : (
        <p className="hint">Violent text is hidden to spare you: show it when you are ready.</p>
      )}
      {collapse && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide text' : 'Show text'}
        </button>
      )}
    </div>
  );
}

/** The matched image a report is about: its URL, the bank match and the hashes it carries. */
function MediaSignals({ content }: { content: NonNullable<Report['content']> }) {
  const facts = mediaFacts(content);
  if (facts.length === 0) return null;
  return (
    <section aria-labelledby="media-title">
      <h3 id="media-title">Hashes of the reported media (banked on removal or restriction)</h3>
      <dl className="facts" aria-label="Media hashes">
        {facts.map((f) => (
          <div key={`${f.term}:${f.value}`} style={{ display: 'contents' }}>
            <dt>{f.term}</dt>
            <dd>
              <code>{f.value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Everything about a case a decider needs: content, hashes, the reviewer's view, the classifier's. */
export function CaseView({ report }: { report: Report }) {
  const a = report.assessment;
  const c = report.content;
  return (
    <article className="case" aria-labelledby="case-title">
      <h2 id="case-title" tabIndex={-1}>
        {report.caseNumber}
        {a.threatToLife && <span className="badge danger">threat to life</span>}
      </h2>
      <Excerpt report={report} />
      {c && (
        <dl className="facts">
          <dt>URL</dt>
          <dd>
            <code className="url">{c.url}</code>
          </dd>
          <dt>Excerpt SHA-256</dt>
          <dd>
            <code>{c.excerptSha256}</code>
          </dd>
          <dt>Site · language · type</dt>
          <dd>
            {c.site} · {c.language} · {c.contentType}
          </dd>
          <dt>Captured · received</dt>
          <dd>
            {when(c.capturedAt)} · {when(report.receivedAt)}
          </dd>
        </dl>
      )}
      {c && <MediaSignals content={c} />}
      <Screenshot report={report} />
      <section aria-labelledby="assessment-title">
        <h3 id="assessment-title">The reviewer’s assessment</h3>
        <dl className="facts">
          <dt>Category</dt>
          <dd>
            {nameOf(POLICY_CATEGORIES, a.category)}
            {a.tcoType && ` · ${nameOf(TCO_TYPES, a.tcoType)}`}
          </dd>
          <dt>Art. 1(3) exemption</dt>
          <dd>
            {a.exemption.applies
              ? `applies: ${a.exemption.exemptions.map((x) => nameOf(EXEMPTIONS, x)).join(', ')}`
              : 'does not apply'}{' '}
            — {a.exemption.reasoning}
          </dd>
          <dt>Suggested action</dt>
          <dd>{nameOf(ACTIONS, a.suggestedAction)}</dd>
          <dt>Rationale</dt>
          <dd>{a.rationale}</dd>
          <dt>Found by</dt>
          <dd>
            {report.detectedBy === 'classifier'
              ? 'the on-device classifier'
              : report.detectedBy === 'hash_match'
                ? 'an on-device match against a hash bank'
                : 'a person'}
          </dd>
        </dl>
      </section>
      {report.classifier && (
        <section aria-labelledby="classifier-title">
          <h3 id="classifier-title">The classifier (it only ranked; a person judged)</h3>
          <dl className="facts">
            <dt>Model version</dt>
            <dd>{report.classifier.modelVersion}</dd>
            <dt>Result</dt>
            <dd>
              {report.classifier.decision}
              {report.classifier.label && ` (${report.classifier.label})`}
            </dd>
            <dt>Scores</dt>
            <dd>
              {Object.entries(report.classifier.scores)
                .map(([label, score]) => `${label} ${Number(score).toFixed(2)}`)
                .join(' · ')}
            </dd>
            <dt>Evidence words</dt>
            <dd>{report.classifier.evidence.join(', ') || '—'}</dd>
          </dl>
        </section>
      )}
    </article>
  );
}
