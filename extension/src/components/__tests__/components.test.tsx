// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TAXONOMY } from '@counterweight/shared';
import { emptyDraft, type ReviewDraft } from '@/utils/review/review-draft';
import type { OutboxEntry } from '@/utils/outbox/outbox-entry';
import { groupFlags } from '@/utils/flags/flag-groups';
import { FlagCard } from '../flag-card';
import { OutboxList } from '../outbox-list';
import { ReviewForm } from '../review-form';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let root: Root;
let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe('side panel components', () => {
  it('a flag card shows page text as text, never as markup', () => {
    act(() =>
      root.render(
        <FlagCard
          slot={{ index: 0, measure: () => {}, top: 0 }}
          status={{ state: 'none' }}
          selected={false}
          onSelect={() => {}}
          group={
            groupFlags([
              {
                flagId: 'f1',
                text: XSS,
                decision: 'flag',
                label: 'hate',
                scores: { hate: 0.9, extremist: 0.1 },
                evidence: ['<b>x</b>'],
                modelVersion: 'm',
                language: 'en',
                url: 'http://a.example/',
                capturedAt: '2026-11-22T14:00:00Z',
                occurrences: 2,
                reported: false,
              },
            ])[0]!
          }
          onConfirm={() => {}}
          onDismiss={() => {}}
          onReveal={() => {}}
        />,
      ),
    );
    expect(host.querySelector('img, script, b')).toBeNull();
    expect(host.textContent).toContain(XSS);
    expect(host.textContent).toContain('2× on this page');
  });

  it('the review form lists the taxonomy and rules out removal once an exemption applies', () => {
    let draft: ReviewDraft = { ...emptyDraft('en'), category: 'terrorist_content' };
    const render = () =>
      act(() =>
        root.render(
          <ReviewForm draft={draft} issues={[]} onChange={(d) => ((draft = d), render())} />,
        ),
      );
    render();
    const radios = (name: string) => [
      ...host.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`),
    ];
    expect(radios('category').map((r) => r.value)).toEqual(TAXONOMY.categories.map((c) => c.id));
    expect(radios('tcoType')).toHaveLength(5);
    expect(radios('exemptionApplies').some((r) => r.checked)).toBe(false);
    act(() => radios('exemptionApplies')[1]!.click());
    expect(draft.exemptionApplies).toBe(true);
    const remove = radios('suggestedAction').find((r) => r.value === 'remove')!;
    expect(remove.disabled).toBe(true);
    expect(radios('suggestedAction').find((r) => r.value === 'label')!.disabled).toBe(false);
    expect(host.querySelectorAll('input[name="exemptions"]')).toHaveLength(
      TAXONOMY.exemptions.length,
    );
  });

  it('the outbox shows queued, sent with the case number and refused with the API reason', () => {
    const base = {
      kind: 'report',
      path: '/v1/reports',
      body: {},
      summary: { title: XSS, site: 'a.example' },
      createdAt: '2026-11-22T14:00:00Z',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      receipt: null,
      refusal: null,
      sentAt: null,
      screenshotSha256: null,
    } as const;
    const entries: OutboxEntry[] = [
      {
        ...base,
        key: '00000000-0000-4000-8000-000000000001',
        state: 'queued',
        attempts: 2,
        lastError: 'API unreachable',
      },
      {
        ...base,
        key: '00000000-0000-4000-8000-000000000002',
        state: 'sent',
        receipt: { id: 'i', reference: 'CW-2026-000007' },
      },
      {
        ...base,
        key: '00000000-0000-4000-8000-000000000003',
        state: 'refused',
        refusal: {
          status: 400,
          code: 'validation_failed',
          message: 'bad url',
          issues: [{ path: 'content.url', message: 'invalid' }],
        },
      },
    ];
    act(() => root.render(<OutboxList entries={entries} onRetry={() => {}} onRemove={() => {}} />));
    const text = host.textContent ?? '';
    expect(text).toContain('Attempt 2 failed: API unreachable');
    expect(text).toContain('Case CW-2026-000007');
    expect(text).toContain('The API refused this report (400 validation_failed): bad url');
    expect(text).toContain('content.url: invalid');
    expect(host.querySelector('img, script')).toBeNull();
    // Retry only where the API never answered; a refusal is permanent.
    const retryIn = (key: string) =>
      [...host.querySelectorAll(`[data-outbox-key="${key}"] button`)].some(
        (b) => b.textContent === 'Retry now',
      );
    expect(retryIn('00000000-0000-4000-8000-000000000001')).toBe(true);
    expect(retryIn('00000000-0000-4000-8000-000000000003')).toBe(false);
  });
});
