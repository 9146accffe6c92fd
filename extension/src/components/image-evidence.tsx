import type { MatchedImage } from '@/utils/review/matched-image';

/**
 * What a report on a matched image carries besides the excerpt: the image's URL, the bank match
 * and its hashes. Not the image: its bytes stay in this browser.
 */
export function ImageEvidence({ subject }: { subject: MatchedImage }) {
  const { image } = subject;
  return (
    <>
      <dt>Image</dt>
      <dd data-testid="image-url">{image.src}</dd>
      <dt>Bank match</dt>
      <dd>
        {image.category} in bank {image.bank} ({image.source}), PDQ distance {image.distance}
      </dd>
      <dt>PDQ</dt>
      <dd data-testid="image-pdq">
        <code>{image.pdq}</code> (quality {image.quality})
      </dd>
      <dt>MD5</dt>
      <dd>
        <code>{image.md5}</code>
      </dd>
      <dt>SHA-256 of the image</dt>
      <dd>
        <code>{image.sha256}</code>
        <br />
        <small>
          The report carries these hashes, not the image; a screenshot goes only if you capture one.
        </small>
      </dd>
    </>
  );
}
