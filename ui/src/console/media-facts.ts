import type { ReportedContent } from '@counterweight/shared/report';

/** One line of the media section of a case: what it is and its value. */
export interface MediaFact {
  term: string;
  value: string;
}

const SIGNAL_NAMES = { pdq: 'PDQ', md5: 'MD5', sha256: 'SHA-256', text: 'Text signal' } as const;

/**
 * What a decider needs to know of the media a report is about (an image the extension matched
 * against a bank): where it is, the bank match that found it, and each hash it carries, the
 * hashes a removal or restriction would bank. Empty for a report without media or hashes.
 */
export function mediaFacts(content: Pick<ReportedContent, 'media' | 'signals'>): MediaFact[] {
  const facts: MediaFact[] = [];
  const media = content.media;
  if (media) {
    facts.push({ term: 'Image URL', value: media.url });
    facts.push({
      term: 'Bank match',
      value: media.match
        ? `bank ${media.match.bank}, PDQ distance ${media.match.distance}`
        : 'none (reported without a match)',
    });
  }
  for (const signal of content.signals ?? []) {
    const quality = signal.type === 'pdq' && media ? ` (quality ${media.pdqQuality})` : '';
    facts.push({ term: SIGNAL_NAMES[signal.type], value: `${signal.value}${quality}` });
  }
  return facts;
}
