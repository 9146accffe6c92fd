import { describe, expect, it } from 'vitest';
import { chooseEscalation, escalatedWindows } from './cascade';

const logit = (p: number) => Math.log(p / (1 - p));

describe('the cascade', () => {
  it('escalates a window when either label reaches its threshold', () => {
    const windows = [
      { hate: logit(0.05), extremist: logit(0.01) },
      { hate: logit(0.3), extremist: logit(0.01) },
      { hate: logit(0.01), extremist: logit(0.2) },
      { hate: logit(0.29), extremist: logit(0.19) },
    ];
    expect(escalatedWindows(windows, { hate: 0.3, extremist: 0.2 })).toEqual([1, 2]);
    expect(escalatedWindows(windows, { hate: 0, extremist: 1 })).toEqual([0, 1, 2, 3]);
  });

  it('keeps the escalation low enough to pass on the texts the model would mark', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      // The model marks every text from 50 on (hate ≥ 0.5); the screen scores them i / 200.
      model: { hate: i >= 50 ? 0.9 : 0.1, extremist: 0 },
      screen: { hate: i / 200, extremist: 0 },
    }));
    const chosen = chooseEscalation(rows, { hate: 0.5, extremist: 0.1 }, 0.96);
    const passed = rows.filter((r) => r.model.hate >= 0.5 && r.screen.hate >= chosen.hate);
    expect(passed.length / 50).toBeGreaterThanOrEqual(0.96);
    expect(chosen.hate).toBeGreaterThan(0.25);
    // No text the model marks on extremist: the cap itself.
    expect(chosen.extremist).toBe(0.1);
  });

  it("never escalates above the model's own uncertain threshold", () => {
    const rows = [{ model: { hate: 0.9, extremist: 0 }, screen: { hate: 0.99, extremist: 0 } }];
    expect(chooseEscalation(rows, { hate: 0.4, extremist: 0.1 }, 1).hate).toBe(0.4);
  });
});
