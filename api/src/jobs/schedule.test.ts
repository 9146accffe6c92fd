import { describe, expect, it, vi } from 'vitest';
import { Schedule } from './schedule';

describe('Schedule', () => {
  it('runs one at a time: a run asked for during another joins it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const run = vi.fn(() => (run.mock.calls.length === 1 ? held : Promise.resolve()));
    const schedule = new Schedule(run, () => undefined);
    const first = schedule.runOnce();
    const second = schedule.runOnce();
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([first, second]);
    await schedule.runOnce();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('hands a failed run to onError, never throws, and runs again after it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const schedule = new Schedule(
      async () => {
        if (++calls === 1) throw new Error('database down');
      },
      (error) => errors.push(error),
    );
    await expect(schedule.runOnce()).resolves.toBeUndefined();
    await schedule.runOnce();
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('runs at once and on every tick until stopped, and stop waits for the run in progress', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      let finished = 0;
      const schedule = new Schedule(
        async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 10));
          finished++;
        },
        () => undefined,
      );
      schedule.start(1_000);
      schedule.start(1_000); // a second start changes nothing
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(runs).toBe(4);
      await vi.advanceTimersByTimeAsync(1_000);
      const stopped = schedule.stop();
      await vi.advanceTimersByTimeAsync(10);
      await stopped;
      expect(finished).toBe(runs);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(runs).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits for the first tick when told not to run at once', async () => {
    vi.useFakeTimers();
    try {
      const run = vi.fn(async () => undefined);
      const schedule = new Schedule(run, () => undefined);
      schedule.start(1_000, { immediately: false });
      expect(run).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(run).toHaveBeenCalledTimes(1);
      await schedule.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
