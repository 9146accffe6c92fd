import { z } from 'zod';
import {
  Bank,
  BankExport,
  BankKind,
  MATCH_THRESHOLDS,
  pdqHexDistance,
  SignalLabel,
  SignalType,
  textSignalDistance,
} from '@counterweight/shared';
import { typedItem } from '../storage/typed-item';
import type { LocalMatch } from './image-messages';

/**
 * The extension's copy of the banks it may use: hashes and labels only, downloaded from the
 * API and kept current with each bank's change cursor (only what changed since is fetched).
 */
export const BankCopy = z.object({
  banks: z.array(z.object({ name: z.string(), kind: BankKind, cursor: z.string() })),
  signals: z.array(
    z.object({
      bank: z.string(),
      negative: z.boolean(),
      type: SignalType,
      value: z.string(),
      label: SignalLabel,
    }),
  ),
  refreshedAt: z.number().nullable(),
});
export type BankCopy = z.infer<typeof BankCopy>;

export const EMPTY_BANK_COPY: BankCopy = { banks: [], signals: [], refreshedAt: null };
export const bankCopyItem = typedItem('local:bank-copy', BankCopy, EMPTY_BANK_COPY);

/** How long a copy is used before the next page asks the API what changed. */
export const BANK_REFRESH_MS = 60_000;

/**
 * Brings `copy` up to date: the bank list, then for each bank its changes after the cursor kept
 * for it (all of it for a bank seen the first time). Removed and held signals leave the copy.
 */
export async function refreshBankCopy(
  copy: BankCopy,
  connection: { apiBaseUrl: string; token: string },
  now: number,
  fetchImpl: typeof fetch = fetch,
): Promise<BankCopy> {
  const get = async (path: string) => {
    const response = await fetchImpl(new URL(path, connection.apiBaseUrl), {
      headers: { authorization: `Bearer ${connection.token}` },
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  const banks = z.array(Bank).parse(await get('/v1/banks'));
  const signals = new Map(copy.signals.map((s) => [`${s.bank}\n${s.type}\n${s.value}`, s]));
  const kept: BankCopy['banks'] = [];
  for (const bank of banks) {
    const known = copy.banks.find((b) => b.name === bank.name && b.kind === bank.kind);
    let cursor = known?.cursor;
    for (;;) {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page = BankExport.parse(
        await get(`/v1/banks/${encodeURIComponent(bank.name)}/signals${query}`),
      );
      for (const s of page.signals) {
        const key = `${bank.name}\n${s.type}\n${s.value}`;
        if (s.removed || s.held) signals.delete(key);
        else
          signals.set(key, {
            bank: bank.name,
            negative: bank.kind === 'negative',
            type: s.type,
            value: s.value,
            label: s.label,
          });
      }
      cursor = page.cursor;
      if (!page.nextCursor) break;
    }
    kept.push({ name: bank.name, kind: bank.kind, cursor: cursor ?? '0' });
  }
  const names = new Set(kept.map((b) => b.name));
  return {
    banks: kept,
    signals: [...signals.values()].filter((s) => names.has(s.bank)),
    refreshedAt: now,
  };
}

/**
 * The matches of one signal of `type` in the copy, nearest first: none when a negative bank
 * holds a signal within the threshold (known lawful content suppresses the match).
 */
function matchSignal(
  copy: BankCopy,
  type: 'pdq' | 'text',
  distanceTo: (banked: string) => number,
): LocalMatch[] {
  const found: (LocalMatch & { negative: boolean })[] = [];
  for (const s of copy.signals) {
    if (s.type !== type) continue;
    const distance = distanceTo(s.value);
    if (distance <= MATCH_THRESHOLDS[type])
      found.push({ bank: s.bank, distance, label: s.label, negative: s.negative });
  }
  if (found.some((m) => m.negative)) return [];
  return found
    .sort((a, b) => a.distance - b.distance)
    .map(({ bank, distance, label }) => ({ bank, distance, label }));
}

/** The matches of one PDQ hash in the copy, nearest first (see {@link matchSignal}). */
export function matchPdq(copy: BankCopy, pdq: string): LocalMatch[] {
  return matchSignal(copy, 'pdq', (banked) => pdqHexDistance(banked, pdq));
}

/** The matches of one text signal in the copy, nearest first (see {@link matchSignal}). */
export function matchTextSignal(copy: BankCopy, signal: string): LocalMatch[] {
  return matchSignal(copy, 'text', (banked) => textSignalDistance(banked, signal));
}
