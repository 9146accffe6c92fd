import { z } from 'zod';
import {
  Action,
  Exemption,
  PolicyCategory,
  ProtectedCharacteristic,
  TcoType,
} from '@counterweight/shared/taxonomy';
import { MAX_EXCERPT_CHARS, ReportSubmission } from '@counterweight/shared/report';
import type { PageFlag } from '../page/page-flag';
import { pageLanguage } from './page-language';
import type { SelectedText } from './selected-text';
import { imageMedia, imageSignals, type MatchedImage } from './matched-image';

export { pageLanguage };

/**
 * What a review is about: a flag the reviewer confirmed, text they selected themself, or an image
 * of the page that matched a bank.
 */
export type ReviewSubject = PageFlag | SelectedText | MatchedImage;

/** Whether the reviewer found this text themself (no classifier signals go with it). */
export function isSelection(subject: ReviewSubject): subject is SelectedText {
  return 'kind' in subject && subject.kind === 'selection';
}

/** Whether this is a matched image (its hashes and match go with the report). */
export function isMatchedImage(subject: ReviewSubject): subject is MatchedImage {
  return 'kind' in subject && subject.kind === 'image';
}

/** Whether this is a flag of the on-device classifier (its signals go with the report). */
export function isFlag(subject: ReviewSubject): subject is PageFlag {
  return !('kind' in subject);
}

/** The review form as the reviewer fills it; `''` and `null` mean not answered yet. */
export interface ReviewDraft {
  category: PolicyCategory | '';
  tcoType: TcoType | '';
  protectedCharacteristic: ProtectedCharacteristic | '';
  /** The Art. 1(3) question: required, never defaulted. */
  exemptionApplies: boolean | null;
  exemptions: Exemption[];
  exemptionReasoning: string;
  suggestedAction: Action | '';
  threatToLife: boolean;
  rationale: string;
  language: string;
}

export function emptyDraft(language: string | null): ReviewDraft {
  return {
    category: '',
    tcoType: '',
    protectedCharacteristic: '',
    exemptionApplies: null,
    exemptions: [],
    exemptionReasoning: '',
    suggestedAction: '',
    threatToLife: false,
    rationale: '',
    language: pageLanguage(language) ?? '',
  };
}

/** The excerpt sent for a flag or selection: its text, cut to the API's limit. */
export function excerptOf(flag: Pick<ReviewSubject, 'text'>): string {
  return flag.text.slice(0, MAX_EXCERPT_CHARS);
}

export type Issue = { path: string; message: string };
export type BuiltSubmission =
  { ok: true; submission: ReportSubmission } | { ok: false; issues: Issue[] };

const orUndefined = <T extends string>(v: T | ''): T | undefined => (v === '' ? undefined : v);

/**
 * The exact `ReportSubmission` a confirmed flag (`detectedBy: "classifier"`, with its signals), a
 * selection (`detectedBy: "reviewer"`, `classifier: null`) or a matched image (`detectedBy:
 * "hash_match"`, its hashes and match, `contentType: "image"`) becomes, checked with the shared
 * schema before anything is queued. Fails with the form's fields named (dotted paths as the API
 * names them).
 */
export function buildSubmission(
  subject: ReviewSubject,
  draft: ReviewDraft,
  context: { site: string; excerptSha256: string; reviewedAt: string },
): BuiltSubmission {
  const issues: Issue[] = [];
  if (draft.exemptionApplies === null)
    issues.push({
      path: 'assessment.exemption.applies',
      message: 'answer whether an Art. 1(3) exemption applies',
    });
  const candidate = {
    content: {
      url: subject.url,
      excerpt: excerptOf(subject),
      excerptSha256: context.excerptSha256,
      language: draft.language,
      site: context.site,
      contentType: isMatchedImage(subject) ? 'image' : 'text',
      capturedAt: subject.capturedAt,
      ...(isMatchedImage(subject)
        ? { signals: imageSignals(subject), media: imageMedia(subject) }
        : {}),
    },
    detectedBy: isMatchedImage(subject)
      ? 'hash_match'
      : isSelection(subject)
        ? 'reviewer'
        : 'classifier',
    classifier: !isFlag(subject)
      ? null
      : {
          modelVersion: subject.modelVersion,
          decision: subject.decision,
          label: subject.label,
          scores: subject.scores,
          evidence: subject.evidence.slice(0, 20).map((w) => w.slice(0, 200)),
        },
    assessment: {
      category: orUndefined(draft.category),
      tcoType: draft.category === 'terrorist_content' ? orUndefined(draft.tcoType) : undefined,
      protectedCharacteristic:
        draft.category === 'hate_speech' ? orUndefined(draft.protectedCharacteristic) : undefined,
      exemption: {
        applies: draft.exemptionApplies ?? false,
        exemptions: draft.exemptionApplies ? draft.exemptions : [],
        reasoning: draft.exemptionReasoning,
      },
      suggestedAction: orUndefined(draft.suggestedAction),
      threatToLife: draft.threatToLife,
      rationale: draft.rationale,
    },
    attestation: { humanReviewed: true, reviewedAt: context.reviewedAt },
  };
  const parsed = ReportSubmission.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      issues.push({ path: issue.path.join('.'), message: issue.message });
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, submission: parsed.data };
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)));
}

/** The JSON text the reviewer is shown and the outbox sends, byte for byte. */
export function previewJson(submission: ReportSubmission): string {
  return JSON.stringify(submission, null, 2);
}

export const LanguageInput = z.string().regex(/^[a-z]{2}$/);
