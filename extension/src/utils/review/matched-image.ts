import type { z } from 'zod';
import type { SignalQuery } from '@counterweight/shared/bank';
import type { ReportedMedia } from '@counterweight/shared/report';
import type { ImageOnPage } from '../banks/image-messages';

/**
 * An image of the page that matched a bank, as a reviewer reports it: the report quotes its
 * alternative text and URL as the excerpt, carries its hashes (PDQ, MD5, SHA-256) as signals and
 * the match that found it, and says `detectedBy: "hash_match"`. The image's bytes stay in the
 * browser; only a screenshot the reviewer chooses to keep goes with the report.
 */
export interface MatchedImage {
  kind: 'image';
  /** The excerpt: what the page says of the image, and where it is. */
  text: string;
  /** The page the image was seen on. */
  url: string;
  capturedAt: string;
  image: z.infer<typeof ImageOnPage>;
}

/** The review subject for a matched image seen on the page at `pageUrl`. */
export function matchedImage(
  image: z.infer<typeof ImageOnPage>,
  pageUrl: string,
  capturedAt: string,
): MatchedImage {
  const alt = image.alt.trim();
  return {
    kind: 'image',
    text: alt ? `Image "${alt}" at ${image.src}` : `Image at ${image.src}`,
    url: pageUrl,
    capturedAt,
    image,
  };
}

/** The hashes a report on the image carries (a removal or restriction banks them). */
export function imageSignals(subject: MatchedImage): SignalQuery[] {
  return [
    { type: 'pdq', value: subject.image.pdq },
    { type: 'md5', value: subject.image.md5 },
    { type: 'sha256', value: subject.image.sha256 },
  ];
}

/** The image itself in the report: its URL, PDQ quality and the bank match. */
export function imageMedia(subject: MatchedImage): ReportedMedia {
  return {
    url: subject.image.src,
    pdqQuality: subject.image.quality,
    match: { bank: subject.image.bank, distance: subject.image.distance },
  };
}
