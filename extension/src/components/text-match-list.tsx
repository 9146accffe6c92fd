import { useEffect, useState } from 'react';
import type { MessageAnswer } from '@/utils/messaging/protocol';
import { sendMessage } from '@/utils/messaging/messenger';

type Texts = MessageAnswer<'getTextMatches'>['texts'];

/**
 * Known texts on the page, listed with the known images before the flags: each block's text
 * signal matched a banked one on-device (bank, its label, distance in MinHash slots). `refreshKey`
 * changes whenever the page's findings do; `onReveal` scrolls to the block.
 */
export function TextMatchList(props: {
  tabId: number | undefined;
  refreshKey: unknown;
  onReveal: (flagId: string) => void;
}) {
  const [texts, setTexts] = useState<Texts>([]);
  useEffect(() => {
    if (props.tabId === undefined) return;
    let live = true;
    sendMessage('getTextMatches', {}, props.tabId)
      .then((answer) => live && setTexts(answer.texts))
      .catch(() => live && setTexts([]));
    return () => {
      live = false;
    };
  }, [props.tabId, props.refreshKey]);
  if (texts.length === 0) return null;
  return (
    <section aria-labelledby="text-matches-heading">
      <h2 id="text-matches-heading">Known texts on this page ({texts.length})</h2>
      <ul aria-label="Known texts" style={{ listStyle: 'none', padding: 0 }}>
        {texts.map((t) => (
          <li key={t.flagId} className="card">
            <p>
              <strong>{t.category}</strong> in bank {t.bank} ({t.source}), text signal distance{' '}
              {t.distance}
              {t.occurrences > 1 && ` · ${t.occurrences} times on the page`}
            </p>
            <p className="excerpt">{t.text.length > 300 ? `${t.text.slice(0, 300)}…` : t.text}</p>
            <div className="row">
              <button type="button" onClick={() => props.onReveal(t.flagId)}>
                Show on page
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
