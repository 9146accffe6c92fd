import { textSignals, type MatchedText } from '@/utils/review/matched-text';

/**
 * What a report on a matched text carries besides the excerpt: the bank match that found it and
 * the text signal of the excerpt, which a removal banks.
 */
export function TextMatchEvidence({ subject }: { subject: MatchedText }) {
  const { match } = subject;
  const signal = textSignals(subject)[0]?.value ?? '';
  return (
    <>
      <dt>Bank match</dt>
      <dd data-testid="text-match">
        {match.category} in bank {match.bank} ({match.source}), text signal distance{' '}
        {match.distance}
      </dd>
      <dt>Text signal</dt>
      <dd>
        <code data-testid="text-signal">{signal}</code>
        <br />
        <small>A removal or restriction banks this signal with the excerpt’s SHA-256.</small>
      </dd>
    </>
  );
}
