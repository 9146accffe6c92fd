import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { FeedbackSubmission } from '@counterweight/shared/feedback';
import { feedbackSharingItem } from '../feedback-item';
import { tally, type Verdict } from '../feedback-tally';
import { sendFeedback } from '../send-feedback';

const AT = new Date('2026-12-07T10:00:00Z');
const verdict = (over: Partial<Verdict> = {}): Verdict => ({
  outcome: 'dismissed',
  label: 'hate',
  decision: 'uncertain',
  score: 0.55,
  modelVersion: 'm-1',
  language: 'en',
  ...over,
});

describe('tally', () => {
  it('counts verdicts per day and dimension, with the score in its bucket', () => {
    const counts = tally(
      tally([], [verdict(), verdict({ score: 0.51 })], AT),
      [
        verdict({ outcome: 'confirmed', decision: 'flag', score: 0.97 }),
        verdict({ language: 'English?' }),
      ],
      AT,
    );
    expect(counts).toEqual([
      {
        day: '2026-12-07',
        outcome: 'dismissed',
        label: 'hate',
        decision: 'uncertain',
        scoreBucket: '0.5',
        modelVersion: 'm-1',
        language: 'en',
        count: 2,
      },
      {
        day: '2026-12-07',
        outcome: 'confirmed',
        label: 'hate',
        decision: 'flag',
        scoreBucket: '0.9',
        modelVersion: 'm-1',
        language: 'en',
        count: 1,
      },
      {
        day: '2026-12-07',
        outcome: 'dismissed',
        label: 'hate',
        decision: 'uncertain',
        scoreBucket: '0.5',
        modelVersion: 'm-1',
        language: 'und',
        count: 1,
      },
    ]);
  });
});

describe('sendFeedback', () => {
  beforeEach(() => fakeBrowser.reset());
  const connection = { apiBaseUrl: 'http://api.example', token: 't' };
  const seen: { url: string; body: unknown }[] = [];
  const answering =
    (status: number): typeof fetch =>
    async (url, init) => {
      const body = JSON.parse(String(init?.body)) as { batchId: string };
      seen.push({ url: String(url), body });
      return new Response(JSON.stringify({ batchId: body.batchId, counted: true }), { status });
    };

  it('sends nothing unless the reviewer opted in', async () => {
    await feedbackSharingItem.set({
      ...feedbackSharingItem.fallback,
      pending: tally([], [verdict()], AT),
    });
    expect(await sendFeedback(feedbackSharingItem, connection, answering(200))).toEqual({
      sent: 0,
      reason: 'off',
    });
  });

  it('keeps a failed batch and sends it again with the same id; counts only, then clears', async () => {
    seen.length = 0;
    await feedbackSharingItem.set({
      ...feedbackSharingItem.fallback,
      optIn: true,
      pending: tally([], [verdict(), verdict()], AT),
    });
    expect(await sendFeedback(feedbackSharingItem, connection, answering(503))).toMatchObject({
      sent: 0,
      error: 'API answered 503',
    });
    // New verdicts wait for the next batch.
    await feedbackSharingItem.update((s) => ({ ...s, pending: tally(s.pending, [verdict()], AT) }));
    expect(await sendFeedback(feedbackSharingItem, connection, answering(200))).toEqual({
      sent: 2,
    });
    expect(seen.map((s) => s.url)).toEqual([
      'http://api.example/v1/feedback',
      'http://api.example/v1/feedback',
    ]);
    const [first, second] = seen.map((s) => FeedbackSubmission.parse(s.body));
    expect(second!.batchId).toBe(first!.batchId);
    const after = await feedbackSharingItem.get();
    expect(after.sending).toBeNull();
    expect(after.pending).toHaveLength(1);
    expect(await sendFeedback(feedbackSharingItem, connection, answering(200))).toEqual({
      sent: 1,
    });
  });
});
