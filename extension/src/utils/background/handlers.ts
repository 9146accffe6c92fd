import { browser } from 'wxt/browser';
import { fetchMe } from '../api/api-client';
import type { TextClassifier } from '../classifier/text-classifier';
import { onMessage } from '../messaging/messenger';
import { currentBankCopy, matchImages } from '../banks/match-images';
import { matchTexts } from '../banks/match-texts';
import { deliver } from '../outbox/deliver';
import { OutboxRunner } from '../outbox/outbox-runner';
import { sha256Hex } from '../review/sha256';
import { registerTargets } from '../targets/register-targets';
import { registerReportSelection } from '../review/register-report-selection';
import { registerContextMenus } from './context-menus';
import { apiOriginItem } from '../storage/api-origin-item';
import { showFlagCount } from './badge';
import { warmModelOnPageLoad } from './model-warm-up';
import { feedbackSharingItem } from '../feedback/feedback-item';
import { tally, type Verdict } from '../feedback/feedback-tally';
import { sendFeedback } from '../feedback/send-feedback';
import {
  connectionItem,
  dismissalsItem,
  feedbackItem,
  outboxItem,
  screenshotItem,
  type Feedback,
} from '../storage/items';

export const OUTBOX_ALARM = 'counterweight-outbox';
export const FEEDBACK_ALARM = 'counterweight-feedback';

const FEEDBACK_REASONS = {
  off: 'Sharing feedback is off.',
  nothing: 'Nothing to send.',
  'no-token': 'No API token set.',
} as const;

/** Adds verdicts to the feedback counts, only when the reviewer opted in to share them. */
async function shareVerdicts(verdicts: Verdict[]): Promise<void> {
  if (verdicts.length === 0) return;
  await feedbackSharingItem.update((s) =>
    s.optIn ? { ...s, pending: tally(s.pending, verdicts, new Date()) } : s,
  );
}

async function shareFeedbackNow() {
  return sendFeedback(feedbackSharingItem, await connectionItem.get());
}

function count(
  feedback: Feedback,
  kind: keyof Feedback,
  label: 'hate' | 'extremist' | null,
): Feedback {
  const key = label ?? 'unlabelled';
  return { ...feedback, [kind]: { ...feedback[kind], [key]: feedback[kind][key] + 1 } };
}

/**
 * Everything the background does, wired to the message protocol: runs the model for content
 * scripts, keeps the outbox (delivering on start, on alarms and on demand), remembers
 * dismissals, takes screenshots and checks the API token.
 */
export function registerBackground(loadClassifier: () => Promise<TextClassifier>): OutboxRunner {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const runner = new OutboxRunner({
    outbox: outboxItem,
    connection: () => connectionItem.get(),
    deliver: (entry, connection) => deliver(entry, connection),
    wakeAt(when) {
      // The alarm wakes a stopped service worker; the timer is quicker while it runs.
      void browser.alarms.create(OUTBOX_ALARM, { when: Math.max(when, Date.now() + 1_000) });
      clearTimeout(timer);
      timer = setTimeout(() => void runner.flush(), Math.max(0, when - Date.now()));
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void runner.flush();
    if (alarm.name === FEEDBACK_ALARM) void shareFeedbackNow();
  });
  void browser.alarms.create(FEEDBACK_ALARM, { periodInMinutes: 60 });
  browser.runtime.onStartup.addListener(() => void runner.flush());

  let classifier: Promise<TextClassifier> | null = null;
  const getClassifier = () => {
    classifier ??= loadClassifier().catch((error: unknown) => {
      classifier = null;
      throw error;
    });
    return classifier;
  };
  warmModelOnPageLoad(getClassifier);

  onMessage('matchImages', async ({ images }) => ({
    results: await matchImages(images, await currentBankCopy(await connectionItem.get())),
  }));

  onMessage('classify', async ({ site, texts, evidence }) => {
    const model = await getClassifier();
    const [results, dismissed, matches] = await Promise.all([
      model.classify(texts, { evidence }),
      dismissalsItem.get(),
      // Bank matches on the first pass only (the evidence pass asks about the same texts again).
      evidence
        ? []
        : currentBankCopy(await connectionItem.get()).then((copy) => matchTexts(texts, copy)),
    ]);
    const hashes = new Set(dismissed[site] ?? []);
    const dismissedFlags =
      hashes.size > 0
        ? await Promise.all(texts.map(async (t) => hashes.has(await sha256Hex(t))))
        : [];
    return {
      modelVersion: model.modelVersion,
      thresholds: model.thresholds,
      languages: model.languages,
      items: results.map((result, i) => ({
        result,
        dismissed: dismissedFlags[i] ?? false,
        match: matches[i] ?? null,
      })),
    };
  });

  onMessage('enqueueReport', async ({ submission, screenshot }) => {
    const key = await runner.enqueue({
      kind: 'report',
      path: '/v1/reports',
      body: submission,
      summary: { title: submission.content.excerpt.slice(0, 160), site: submission.content.site },
      screenshotSha256: screenshot?.sha256 ?? null,
    });
    if (screenshot)
      await screenshotItem(key).set({
        dataUrl: screenshot.dataUrl,
        sha256: screenshot.sha256,
        capturedAt: new Date().toISOString(),
      });
    await feedbackItem.update((f) => count(f, 'confirmed', submission.classifier?.label ?? null));
    const classifier = submission.classifier;
    if (
      classifier?.label &&
      (classifier.decision === 'flag' || classifier.decision === 'uncertain')
    )
      await shareVerdicts([
        {
          outcome: 'confirmed',
          label: classifier.label,
          decision: classifier.decision,
          score: classifier.scores[classifier.label],
          modelVersion: classifier.modelVersion,
          language: submission.content.language,
        },
      ]);
    return { key };
  });

  onMessage('flushOutbox', async () => {
    await runner.flush();
    return { ok: true } as const;
  });
  onMessage('retryOutboxEntry', async ({ key }) => {
    await runner.retry(key);
    return { ok: true } as const;
  });
  onMessage('removeOutboxEntry', async ({ key }) => {
    await runner.remove(key);
    return { ok: true } as const;
  });

  onMessage('recordDismissals', async ({ site, items }) => {
    const hashes = await Promise.all(items.map((i) => sha256Hex(i.text)));
    await dismissalsItem.update((all) => ({
      ...all,
      [site]: [...new Set([...(all[site] ?? []), ...hashes])],
    }));
    await feedbackItem.update((f) => items.reduce((acc, i) => count(acc, 'dismissed', i.label), f));
    await shareVerdicts(
      items.flatMap((i) =>
        i.label && i.verdict
          ? [{ outcome: 'dismissed' as const, label: i.label, ...i.verdict }]
          : [],
      ),
    );
    return { ok: true } as const;
  });

  onMessage('undoDismissals', async ({ site, texts }) => {
    const undone = texts === null ? null : new Set(await Promise.all(texts.map(sha256Hex)));
    await dismissalsItem.update((all) => {
      const { [site]: kept = [], ...others } = all;
      const left = undone === null ? [] : kept.filter((h) => !undone.has(h));
      return left.length > 0 ? { ...others, [site]: left } : others;
    });
    return { ok: true } as const;
  });

  onMessage('pageFlagsChanged', async ({ count }, sender) => {
    if (sender.tab?.id !== undefined) await showFlagCount(sender.tab.id, count);
    return { ok: true } as const;
  });

  onMessage('captureScreenshot', async ({ windowId }) => {
    const dataUrl =
      windowId === null
        ? await browser.tabs.captureVisibleTab({ format: 'png' })
        : await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) =>
      c.charCodeAt(0),
    );
    return { dataUrl, sha256: await sha256Hex(bytes), capturedAt: new Date().toISOString() };
  });

  onMessage('checkConnection', async ({ apiBaseUrl, token }) => {
    await apiOriginItem.set(new URL(apiBaseUrl).origin);
    const answer = await fetchMe(apiBaseUrl, token);
    await connectionItem.set({
      apiBaseUrl,
      token,
      me: answer.ok ? answer.me : null,
      checkedAt: new Date().toISOString(),
    });
    if (answer.ok) void runner.flush();
    return answer.ok ? answer : { ok: false, message: answer.message };
  });

  onMessage('sendFeedback', async () => {
    const outcome = await shareFeedbackNow();
    return {
      sent: outcome.sent,
      message:
        'error' in outcome
          ? `Not sent: ${outcome.error}. It will be sent again.`
          : 'reason' in outcome
            ? FEEDBACK_REASONS[outcome.reason]
            : `Sent ${outcome.sent} counted ${outcome.sent === 1 ? 'verdict' : 'verdicts'}.`,
    };
  });

  onMessage('refreshMe', async () => {
    const connection = await connectionItem.get();
    if (!connection.token) return { ok: true } as const;
    const answer = await fetchMe(connection.apiBaseUrl, connection.token);
    if (!answer.ok && answer.unreachable) return { ok: true } as const;
    await connectionItem.update((c) =>
      c.token === connection.token
        ? { ...c, me: answer.ok ? answer.me : null, checkedAt: new Date().toISOString() }
        : c,
    );
    return { ok: true } as const;
  });

  registerContextMenus();
  registerTargets(runner);
  registerReportSelection();
  // Content scripts read the API's origin (never its token) to leave its pages alone.
  void connectionItem.get().then((c) => apiOriginItem.set(new URL(c.apiBaseUrl).origin));
  void runner.flush();
  return runner;
}
