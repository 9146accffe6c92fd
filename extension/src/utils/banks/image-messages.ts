import { z } from 'zod';
import { SignalLabel } from '@counterweight/shared/bank';

import { MAX_IMAGES_PER_MATCH } from './image-limits';

/** A match on the page: the bank, its label and the distance. */
export const LocalMatch = z.strictObject({
  bank: z.string(),
  distance: z.number().int(),
  label: SignalLabel,
});
export type LocalMatch = z.infer<typeof LocalMatch>;

/** content script → background: image URLs of the page (never their pixels or the page's text). */
export const MatchImagesRequest = z.strictObject({
  images: z
    .array(z.url({ protocol: /^https?$/ }).max(4096))
    .min(1)
    .max(MAX_IMAGES_PER_MATCH),
});
export const MatchImagesResponse = z.strictObject({
  results: z.array(
    z.strictObject({
      src: z.string(),
      pdq: z.string().nullable(),
      quality: z.number().int(),
      matches: z.array(LocalMatch),
      md5: z.string().nullable(),
      sha256: z.string().nullable(),
    }),
  ),
});

/** A matched image on the page, as the content script tells the side panel. */
export const ImageOnPage = z.strictObject({
  src: z.string(),
  /** The image's alternative text, which a report on it quotes (none: empty). */
  alt: z.string().max(1000),
  pdq: z.string().regex(/^[0-9a-f]{64}$/),
  quality: z.number().int().min(0).max(100),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bank: z.string(),
  distance: z.number().int(),
  category: z.string(),
  source: z.string(),
});
export const ImageMatchesResponse = z.strictObject({ images: z.array(ImageOnPage) });
