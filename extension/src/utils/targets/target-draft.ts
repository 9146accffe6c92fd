import { MAX_EXCERPT_CHARS } from '@counterweight/shared';
import {
  TargetSubmission,
  type NarrativeTheme,
  type TargetedGroup,
  type TargetSource,
} from '@counterweight/shared/target';

/** What is being marked: a flag's text or the text a team member selected, where and when. */
export interface TargetCandidate {
  text: string;
  url: string;
  capturedAt: string;
  source: TargetSource;
  /** The page's declared language, when it has one. */
  language: string | null;
  /** Reach the page shows next to the text, when it shows any. */
  reach?: { views?: number; shares?: number } | undefined;
}

/** The target form as the team member fills it; `''` means not answered yet. */
export interface TargetDraft {
  theme: NarrativeTheme | '';
  group: TargetedGroup | '';
  language: string;
  platform: string;
  views: string;
  shares: string;
}

/** The platform of a page as the API takes it: its host name without `www.`. */
export function platformOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return '';
  }
}

/** A fresh form for a candidate: language and platform from the page, reach from what it shows. */
export function emptyTargetDraft(
  candidate: TargetCandidate,
  reach: { views?: number; shares?: number } = candidate.reach ?? {},
): TargetDraft {
  const language = candidate.language?.trim().slice(0, 2).toLowerCase() ?? '';
  return {
    theme: '',
    group: '',
    language: /^[a-z]{2}$/.test(language) ? language : '',
    platform: platformOf(candidate.url),
    views: reach.views === undefined ? '' : String(reach.views),
    shares: reach.shares === undefined ? '' : String(reach.shares),
  };
}

/** The excerpt sent for a target: the text, whitespace-trimmed, cut to the API's limit. */
export function targetExcerpt(text: string): string {
  return text.trim().slice(0, MAX_EXCERPT_CHARS);
}

export type TargetIssue = { path: string; message: string };
export type BuiltTarget =
  { ok: true; submission: TargetSubmission } | { ok: false; issues: TargetIssue[] };

const count = (value: string): number | undefined | typeof NaN => {
  const trimmed = value.trim().replace(/[\s,._]/g, '');
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/**
 * The exact `TargetSubmission` for a candidate and a filled form, checked with the shared schema
 * before anything is queued; on failure the form's fields are named as the API names them.
 */
export function buildTargetSubmission(
  candidate: TargetCandidate,
  draft: TargetDraft,
  excerptSha256: string,
): BuiltTarget {
  const reach = { views: count(draft.views), shares: count(draft.shares) };
  const parsed = TargetSubmission.safeParse({
    url: candidate.url,
    excerpt: targetExcerpt(candidate.text),
    excerptSha256,
    theme: draft.theme === '' ? undefined : draft.theme,
    group: draft.group === '' ? undefined : draft.group,
    language: draft.language.trim().toLowerCase(),
    platform: draft.platform,
    reach: Object.fromEntries(Object.entries(reach).filter(([, v]) => v !== undefined)),
    source: candidate.source,
    capturedAt: candidate.capturedAt,
  });
  if (parsed.success) return { ok: true, submission: parsed.data };
  const seen = new Set<string>();
  const issues = parsed.error.issues
    .map((i) => ({ path: i.path.join('.'), message: i.message }))
    .filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)));
  return { ok: false, issues };
}
