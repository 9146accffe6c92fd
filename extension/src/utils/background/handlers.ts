import { browser } from 'wxt/browser';
import { fetchMe } from '../api/api-client';
import type { TextClassifier } from '../classifier/text-classifier';
import { onMessage } from '../messaging/messenger';
import { currentBankCopy, matchImages } from '../banks/match-images';
import { deliver } from '../outbox/deliver';
import { OutboxRunner } from '../outbox/outbox-runner';
import { sha256Hex } from '../review/sha256';
import { registerTargets } from '../targets/register-targets';
import {
  connectionItem,
  dismissalsItem,
  feedbackItem,
  outboxItem,
  screenshotItem,
  type Feedback,
} from '../storage/items';

export const OUTBOX_ALARM = 'counterweight-outbox';

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
  });
  browser.runtime.onStartup.addListener(() => void runner.flush());

  let classifier: Promise<TextClassifier> | null = null;
  const getClassifier = () => {
    classifier ??= loadClassifier().catch((error: unknown) => {
      classifier = null;
      throw error;
    });
    return classifier;
  };

  onMessage('matchImages', async ({ images }) => ({
    results: await matchImages(images, await currentBankCopy(await connectionItem.get())),
  }));

  onMessage('classify', async ({ site, texts, evidence }) => {
    const model = await getClassifier();
    const [results, dismissed] = await Promise.all([
      model.classify(texts, { evidence }),
      dismissalsItem.get(),
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
      items: results.map((result, i) => ({ result, dismissed: dismissedFlags[i] ?? false })),
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

  onMessage('recordDismissal', async ({ site, text, label }) => {
    const hash = await sha256Hex(text);
    await dismissalsItem.update((all) => ({
      ...all,
      [site]: [...new Set([...(all[site] ?? []), hash])],
    }));
    await feedbackItem.update((f) => count(f, 'dismissed', label));
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
    const answer = await fetchMe(apiBaseUrl, token);
    await connectionItem.set({
      apiBaseUrl,
      token,
      me: answer.ok ? answer.me : null,
      checkedAt: new Date().toISOString(),
    });
    if (answer.ok) void runner.flush();
    return answer;
  });

  registerTargets(runner);
  void runner.flush();
  return runner;
}
