import { z } from 'zod';
import { ClassifierResult } from '@counterweight/shared/classifier';
import { Thresholds } from '../classifier/thresholds';
import { PageFlag } from '../page/page-flag';
import {
  ImageMatchesResponse,
  LocalMatch,
  MatchImagesRequest,
  MatchImagesResponse,
} from '../banks/image-messages';
import { MAX_CLASSIFIED_CHARS, MAX_TEXTS_PER_CLASSIFY, MAX_TEXTS_PER_PAGE } from './page-limits';

export { MAX_CLASSIFIED_CHARS, MAX_TEXTS_PER_CLASSIFY, MAX_TEXTS_PER_PAGE } from './page-limits';

/*
 * The messages a content script sends or answers. The content script itself loads none of these
 * schemas (see page-messenger.ts): the background and the side panel parse every one of them
 * where it arrives from, or leaves for, a page.
 */

export const ClassifyRequest = z.strictObject({
  site: z.string().min(1).max(253),
  texts: z.array(z.string().max(MAX_CLASSIFIED_CHARS)).min(1).max(MAX_TEXTS_PER_CLASSIFY),
  /** Also find the words that moved each non-clear score (slower; asked for after the flags are shown). */
  evidence: z.boolean(),
});
export const ClassifiedText = z.strictObject({
  result: ClassifierResult,
  dismissed: z.boolean(),
  /** The text's nearest match among the banks' text signals (on-device), or null. */
  match: LocalMatch.nullable(),
});
export const ClassifyResponse = z.strictObject({
  modelVersion: z.string(),
  thresholds: Thresholds,
  /** Languages the model reads; it abstains on the others. */
  languages: z.array(z.string()),
  items: z.array(ClassifiedText),
});

export const Empty = z.strictObject({});
export const Ok = z.strictObject({ ok: z.literal(true) });

export const FlagRef = z.strictObject({ flagId: z.string().min(1).max(50) });
/** Several flags at once (a group of near-duplicates). */
export const FlagRefs = z.strictObject({
  flagIds: z.array(z.string().min(1).max(50)).min(1).max(MAX_TEXTS_PER_PAGE),
});
/** Blocks of the page the model has answered for, of all the blocks read so far. */
export const ScanProgress = z.strictObject({
  classified: z.number().int().min(0),
  total: z.number().int().min(0),
});
/** The page's text in one language the model does not read (see page/language-shares.ts). */
export const LanguageShare = z.strictObject({
  language: z.string(),
  blocks: z.number().int().min(1),
  share: z.number().min(0).max(1),
});
export const PageLanguages = z.strictObject({
  covered: z.array(z.string()),
  notRead: z.array(LanguageShare),
});
export const PageFlagsResponse = z.strictObject({
  url: z.string(),
  site: z.string(),
  /** The page's declared language (`<html lang>`), as an ISO 639-1 code when it has one. */
  language: z.string().nullable(),
  active: z.boolean(),
  /** The page belongs to the API the extension reports to, and is never scanned. */
  ownApi: z.boolean(),
  flags: z.array(PageFlag),
  /** Blocks left unchecked because the model does not read their language. */
  languages: PageLanguages,
  progress: ScanProgress,
  /** Texts of this page the reviewer dismissed (here or before on this site), for an undo. */
  dismissed: z.array(z.strictObject({ flagId: z.string(), text: z.string() })),
});

/** A text block of the page that matched a bank's text signal, as the side panel lists it. */
export const TextOnPage = z.strictObject({
  flagId: z.string(),
  text: z.string(),
  occurrences: z.number().int().min(1),
  bank: z.string(),
  distance: z.number().int().min(0),
  category: z.string(),
  source: z.string(),
});
export const TextMatchesResponse = z.strictObject({ texts: z.array(TextOnPage) });

export const PAGE_PROTOCOL = {
  classify: [ClassifyRequest, ClassifyResponse],
  getPageFlags: [Empty, PageFlagsResponse],
  dismissFlags: [FlagRefs, Ok],
  restoreFlags: [FlagRefs, Ok],
  markReported: [FlagRef, Ok],
  revealFlag: [FlagRef, Ok],
  pageFlagsChanged: [
    z.strictObject({ count: z.number().int().min(0), progress: ScanProgress }),
    Ok,
  ],
  matchImages: [MatchImagesRequest, MatchImagesResponse],
  getImageMatches: [Empty, ImageMatchesResponse],
  getTextMatches: [Empty, TextMatchesResponse],
} as const satisfies Record<string, readonly [z.ZodType, z.ZodType]>;
