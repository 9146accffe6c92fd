import { describe, expect, it } from 'vitest';
import { ReportSubmission } from '@counterweight/shared';
import { buildSubmission, emptyDraft, isFlag, type ReviewDraft } from '../review-draft';
import { matchedImage } from '../matched-image';
import { sha256Hex } from '../sha256';

const image = {
  src: 'http://127.0.0.1:43800/banked-copy.png',
  alt: 'flag of an armed group',
  pdq: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
  quality: 93,
  md5: '0cc175b9c0f1b6a831c399e269772661',
  sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
  bank: 'tcap',
  distance: 6,
  category: 'terrorist_content',
  source: 'TCAP',
};
const draft: ReviewDraft = {
  ...emptyDraft('en'),
  category: 'terrorist_content',
  tcoType: 'incitement',
  exemptionApplies: false,
  exemptionReasoning: 'Shared to recruit; no news or research purpose.',
  suggestedAction: 'remove',
  rationale: 'The banked emblem of a listed group, posted to recruit.',
};

describe('a matched image as a review subject', () => {
  it('becomes a hash-match report carrying the image’s hashes and match, never its bytes', async () => {
    const subject = matchedImage(
      image,
      'http://127.0.0.1:43800/images.html',
      '2026-12-07T05:00:00Z',
    );
    expect(subject.text).toBe(
      'Image "flag of an armed group" at http://127.0.0.1:43800/banked-copy.png',
    );
    expect(isFlag(subject)).toBe(false);
    const built = buildSubmission(subject, draft, {
      site: '127.0.0.1',
      excerptSha256: await sha256Hex(subject.text),
      reviewedAt: '2026-12-07T05:01:00Z',
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(ReportSubmission.parse(built.submission)).toEqual(built.submission);
    expect(built.submission).toMatchObject({
      detectedBy: 'hash_match',
      classifier: null,
      content: {
        url: 'http://127.0.0.1:43800/images.html',
        contentType: 'image',
        signals: [
          { type: 'pdq', value: image.pdq },
          { type: 'md5', value: image.md5 },
          { type: 'sha256', value: image.sha256 },
        ],
        media: { url: image.src, pdqQuality: 93, match: { bank: 'tcap', distance: 6 } },
      },
    });
  });

  it('quotes only the URL of an image without alternative text', () => {
    expect(
      matchedImage({ ...image, alt: '  ' }, 'http://x.test/', '2026-12-07T05:00:00Z').text,
    ).toBe('Image at http://127.0.0.1:43800/banked-copy.png');
  });
});
