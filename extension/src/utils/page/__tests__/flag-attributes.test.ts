// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { applyFlag, clearFlag } from '../flag-attributes';
import { markerLabel, type MarkerInfo } from '../marker';

const info: MarkerInfo = {
  decision: 'flag',
  label: 'hate',
  score: 0.91234,
  scores: { hate: 0.91234, extremist: 0.1 },
  evidence: ['<img src=x onerror=alert(1)>', 'vermin'],
  reported: false,
};

describe('flag attributes and marker', () => {
  it('writes exactly the contract attributes and a shadow-root marker that opens the evidence', () => {
    const p = document.createElement('p');
    p.textContent = 'Some flagged text.';
    document.body.append(p);
    applyFlag(p, info);
    expect(p.getAttribute('data-counterweight')).toBe('flag');
    expect(p.getAttribute('data-counterweight-label')).toBe('hate');
    expect(p.getAttribute('data-counterweight-score')).toBe('0.912');
    const host = p.firstElementChild as HTMLElement;
    expect(host.tagName.toLowerCase()).toBe('counterweight-marker');
    expect(p.textContent).toBe('Some flagged text.');
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe(markerLabel(info));
    expect(button.textContent).toContain('flag');
    expect(host.shadowRoot!.querySelector('.evidence')).toBeNull();
    button.click();
    const panel = host.shadowRoot!.querySelector('.evidence') as HTMLElement;
    expect(panel).not.toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // Evidence is text, never markup.
    expect(panel.querySelector('img')).toBeNull();
    expect(panel.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('updates in place and clears completely', () => {
    const p = document.createElement('p');
    document.body.append(p);
    applyFlag(p, info);
    applyFlag(p, { ...info, decision: 'uncertain', label: 'extremist', score: 0.5 });
    expect(p.querySelectorAll('counterweight-marker')).toHaveLength(1);
    expect(p.getAttribute('data-counterweight')).toBe('uncertain');
    expect(p.getAttribute('data-counterweight-score')).toBe('0.500');
    clearFlag(p);
    expect(p.getAttributeNames()).toEqual([]);
    expect(p.children).toHaveLength(0);
  });

  it('writes nothing when the evidence arrives for a flag already shown, yet opens the new evidence', async () => {
    const p = document.createElement('p');
    document.body.append(p);
    applyFlag(p, { ...info, evidence: [] });
    const host = p.firstElementChild as HTMLElement;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(p, { attributes: true, childList: true, subtree: true, characterData: true });
    observer.observe(host.shadowRoot!, { attributes: true, childList: true, subtree: true });
    applyFlag(p, info);
    await new Promise((r) => setTimeout(r, 0));
    expect(records.map((r) => `${r.type} ${r.attributeName ?? ''}`)).toEqual([]);
    host.shadowRoot!.querySelector('button')!.click();
    expect(host.shadowRoot!.querySelector('.evidence')!.textContent).toContain('vermin');
    // A changed score is written.
    applyFlag(p, { ...info, score: 0.5 });
    await new Promise((r) => setTimeout(r, 0));
    expect(p.getAttribute('data-counterweight-score')).toBe('0.500');
    expect(records.length).toBeGreaterThan(0);
    observer.disconnect();
  });

  it('says uncertain in words, not colour alone', () => {
    expect(markerLabel({ ...info, decision: 'uncertain' })).toMatch(/possibly hate speech/);
    expect(markerLabel({ ...info, reported: true })).toMatch(/Reported/);
  });
});
