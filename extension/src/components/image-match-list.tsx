import { useEffect, useState } from 'react';
import type { MessageAnswer } from '@/utils/messaging/protocol';
import { sendMessage } from '@/utils/messaging/messenger';

type Images = MessageAnswer<'getImageMatches'>['images'];
export type ImageOnPage = Images[number];

/**
 * Known images on the page, listed before the text flags: each matched a banked hash on-device
 * (bank, its label, PDQ distance). `refreshKey` changes whenever the page's findings do. With
 * `onReport` (a role that may report), each has a Report action that opens the review.
 */
export function ImageMatchList(props: {
  tabId: number | undefined;
  refreshKey: unknown;
  onReport?: (image: ImageOnPage) => void;
}) {
  const [images, setImages] = useState<Images>([]);
  useEffect(() => {
    if (props.tabId === undefined) return;
    let live = true;
    sendMessage('getImageMatches', {}, props.tabId)
      .then((answer) => live && setImages(answer.images))
      .catch(() => live && setImages([]));
    return () => {
      live = false;
    };
  }, [props.tabId, props.refreshKey]);
  if (images.length === 0) return null;
  return (
    <section aria-labelledby="image-matches-heading">
      <h2 id="image-matches-heading">Known images on this page ({images.length})</h2>
      <ul aria-label="Known images" style={{ listStyle: 'none', padding: 0 }}>
        {images.map((image) => (
          <li key={image.src} className="card">
            <p>
              <strong>{image.category}</strong> in bank {image.bank} ({image.source}), PDQ distance{' '}
              {image.distance}
            </p>
            <p>
              <a href={image.src} target="_blank" rel="noreferrer noopener">
                {image.src}
              </a>
            </p>
            <p>
              <code>{image.pdq}</code>
            </p>
            {props.onReport && (
              <div className="row">
                <button type="button" onClick={() => props.onReport?.(image)}>
                  Report
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
