import type { z } from 'zod';
import type { SensitivityByLabel } from '../classifier/decide';
import type { ClassifyResponse } from '../messaging/page-protocol';
import type { PageTexts } from './page-texts';

/**
 * Keeps the background's answers for one batch of texts (the model's result, the reviewer's
 * earlier dismissal, a bank match) and returns the blocks to render: those of texts not clear,
 * of texts that matched a bank, and all of them under a sensitivity other than the standard one.
 * Also returns how many texts the model abstained on.
 */
export function recordBatch(
  texts: PageTexts,
  batch: readonly string[],
  response: z.output<typeof ClassifyResponse>,
  context: { url: string; capturedAt: string; sensitivity: SensitivityByLabel },
): { rendered: [Element, string][]; abstained: number } {
  const rendered: [Element, string][] = [];
  let abstained = 0;
  const standard =
    context.sensitivity.hate === 'standard' && context.sensitivity.extremist === 'standard';
  batch.forEach((text, i) => {
    const item = response.items[i];
    if (!item) return;
    if (item.result.decision === 'abstain') abstained++;
    texts.record(text, {
      result: item.result,
      dismissed: item.dismissed,
      reported: false,
      explained: false,
      modelVersion: response.modelVersion,
      url: context.url,
      capturedAt: context.capturedAt,
      match: item.match,
    });
    if (item.result.decision !== 'clear' || item.match || !standard)
      for (const el of texts.elementsOf(text)) rendered.push([el, text]);
  });
  return { rendered, abstained };
}
