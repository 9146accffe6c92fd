import { describe, expect, it } from 'vitest';
import { EMPTY_BANK_COPY, matchPdq, refreshBankCopy } from '../bank-copy';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const NEAR = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2d'; // 4 bits away
const label = { category: 'terrorist_content', source: 'TCAP' };
const signal = (value: string, extra: Partial<{ removed: boolean; held: boolean }> = {}) => ({
  type: 'pdq',
  value,
  label,
  addedAt: '2026-12-07T00:00:00Z',
  removed: false,
  held: false,
  disagreements: 0,
  ...extra,
});

/** The API's answers as the bank endpoints give them, and the URLs the copy asked for. */
function api(pages: Record<string, unknown>) {
  const asked: string[] = [];
  const fetchImpl = (async (input: URL | RequestInfo) => {
    const url = new URL(String(input));
    asked.push(url.pathname + url.search);
    const body = pages[url.pathname + url.search];
    return new Response(JSON.stringify(body ?? { code: 'not_found' }), {
      status: body ? 200 : 404,
    });
  }) as typeof fetch;
  return { asked, fetchImpl };
}
const bank = (name: string, kind: string) => ({
  name,
  kind,
  description: 'd',
  createdAt: '2026-12-07T00:00:00Z',
  signals: 1,
});
const connection = { apiBaseUrl: 'http://api.test', token: 't' };

describe('the bank copy', () => {
  it('downloads every bank, then asks each only for what changed after its cursor', async () => {
    const first = api({
      '/v1/banks': [bank('tcap', 'positive')],
      '/v1/banks/tcap/signals': {
        bank: 'tcap',
        kind: 'positive',
        signals: [signal(PDQ)],
        nextCursor: null,
        cursor: '7',
      },
    });
    const copy = await refreshBankCopy(EMPTY_BANK_COPY, connection, 1000, first.fetchImpl);
    expect(first.asked).toEqual(['/v1/banks', '/v1/banks/tcap/signals']);
    expect(copy.banks).toEqual([{ name: 'tcap', kind: 'positive', cursor: '7' }]);
    expect(copy.signals.map((s) => s.value)).toEqual([PDQ]);

    const second = api({
      '/v1/banks': [bank('tcap', 'positive')],
      '/v1/banks/tcap/signals?cursor=7': {
        bank: 'tcap',
        kind: 'positive',
        signals: [signal(PDQ, { removed: true }), signal(NEAR)],
        nextCursor: null,
        cursor: '9',
      },
    });
    const next = await refreshBankCopy(copy, connection, 2000, second.fetchImpl);
    expect(second.asked).toEqual(['/v1/banks', '/v1/banks/tcap/signals?cursor=7']);
    expect(next.signals.map((s) => s.value)).toEqual([NEAR]);
    expect(next.refreshedAt).toBe(2000);
  });

  it('matches a PDQ hash within 31 bits, nearest first, and a negative bank suppresses it', () => {
    const copy = {
      banks: [],
      refreshedAt: 0,
      signals: [{ bank: 'tcap', negative: false, type: 'pdq' as const, value: PDQ, label }],
    };
    expect(matchPdq(copy, NEAR)).toEqual([{ bank: 'tcap', distance: 4, label }]);
    expect(matchPdq(copy, 'f'.repeat(64))).toEqual([]);
    const suppressed = {
      ...copy,
      signals: [...copy.signals, { ...copy.signals[0]!, bank: 'news', negative: true }],
    };
    expect(matchPdq(suppressed, NEAR)).toEqual([]);
  });
});
