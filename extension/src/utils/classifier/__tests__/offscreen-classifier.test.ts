import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClassifierResult } from '@counterweight/shared/classifier';
import { offscreenClassifierLoader, type OffscreenDocuments } from '../offscreen-classifier';

const IDLE = 1_000;
const clear: ClassifierResult = {
  decision: 'clear',
  label: null,
  scores: { hate: 0.1, extremist: 0.1 },
  evidence: [],
  language: 'en',
};
const thresholds = {
  hate: { flag: 0.7, uncertain: 0.35 },
  extremist: { flag: 0.7, uncertain: 0.35 },
};

/** A stand-in for chrome.offscreen that records what happened, and a model channel to it. */
function rig(openAtStart = false) {
  const log: string[] = [];
  let open = openAtStart;
  const documents: OffscreenDocuments = {
    exists: async () => open,
    create: async () => {
      if (open) throw new Error('Only a single offscreen document may be created.');
      open = true;
      log.push('create');
    },
    close: async () => {
      if (!open) throw new Error('No current offscreen document.');
      open = false;
      log.push('close');
    },
  };
  let answer: Promise<void> = Promise.resolve();
  const channel = {
    info: async () => {
      if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { modelVersion: 'm1', thresholds, languages: ['en'] };
    },
    classify: async (texts: string[]) => {
      if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
      await answer;
      log.push(`classify ${texts.length}`);
      return { results: texts.map(() => clear) };
    },
  };
  return {
    log,
    isOpen: () => open,
    vanish: () => (open = false),
    hold: (until: Promise<void>) => (answer = until),
    load: offscreenClassifierLoader(documents, IDLE, channel),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('offscreenClassifierLoader', () => {
  it('opens the document on the first request, keeps it while used, closes it when idle', async () => {
    const r = rig();
    const model = await r.load();
    expect(model.modelVersion).toBe('m1');
    expect(model.thresholds).toEqual(thresholds);
    expect(await model.classify(['a', 'b'], { evidence: false })).toEqual([clear, clear]);
    await vi.advanceTimersByTimeAsync(IDLE - 100);
    await model.classify(['c'], { evidence: false });
    await vi.advanceTimersByTimeAsync(IDLE - 100);
    expect(r.log).toEqual(['create', 'classify 2', 'classify 1']);
    await vi.advanceTimersByTimeAsync(200);
    expect(r.log.at(-1)).toBe('close');
    expect(r.isOpen()).toBe(false);
    // The next request opens it again.
    await model.classify(['d'], { evidence: true });
    expect(r.log.slice(-2)).toEqual(['create', 'classify 1']);
  });

  it('never closes the document while a request is in flight', async () => {
    const r = rig();
    const model = await r.load();
    let release!: () => void;
    r.hold(new Promise<void>((resolve) => (release = resolve)));
    const pending = model.classify(['slow'], { evidence: true });
    await vi.advanceTimersByTimeAsync(IDLE * 5);
    expect(r.isOpen()).toBe(true);
    release();
    expect(await pending).toEqual([clear]);
    await vi.advanceTimersByTimeAsync(IDLE + 1);
    expect(r.isOpen()).toBe(false);
  });

  it('closes a document an earlier life of the worker left open', async () => {
    const r = rig(true);
    await vi.advanceTimersByTimeAsync(IDLE + 1);
    expect(r.log).toEqual(['close']);
  });

  it('opens the document again when it went away under a request', async () => {
    const r = rig();
    const model = await r.load();
    r.vanish();
    expect(await model.classify(['a'], { evidence: false })).toEqual([clear]);
    expect(r.log).toEqual(['create', 'create', 'classify 1']);
  });
});
