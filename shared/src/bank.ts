import { z } from 'zod';
import { Timestamp } from './common';
import type { Action } from './taxonomy';
import { isPdqHex } from './pdq/hash256';
import { TEXT_SIGNAL_SLOTS, TEXT_SIGNAL_THRESHOLD } from './text-signal';

/**
 * Hash banks, in the vocabulary of Meta's Hasher-Matcher-Actioner: a **signal** is a hash of
 * content (never the content), a **bank** holds signals with their labels, a **match** is a
 * query signal close enough to a banked one, and the **action** stays with a human reviewer.
 *
 *   decision (remove/restrict) ──adds──▶ project bank ◀──import── hash list (TCAP, exchange)
 *   appeal reversed ───────────removes──▶     │
 *   query signals ──▶ match ──▶ negative bank suppresses · flood holds the signal · else a match
 */
export const SIGNAL_TYPES = ['pdq', 'md5', 'sha256', 'text'] as const;
export const SignalType = z.enum(SIGNAL_TYPES);
export type SignalType = z.infer<typeof SignalType>;

/** Largest distance that still matches, per signal type (PDQ: Meta's recommended 31). */
export const MATCH_THRESHOLDS: Record<SignalType, number> = {
  pdq: 31,
  md5: 0,
  sha256: 0,
  text: TEXT_SIGNAL_THRESHOLD,
};

export const BankName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _, at most 63');
export const BankKind = z.enum(['positive', 'negative']);
export type BankKind = z.infer<typeof BankKind>;

/** The bank that decisions of this deployment feed. */
export const PROJECT_BANK = 'counterweight';

/**
 * Decisions whose content's hashes enter the project bank: removal and the restrictions
 * (not a label, not no action), and only when no Art. 1(3) exemption applies.
 */
export const BANKING_ACTIONS: readonly Action[] = [
  'remove',
  'disable_in_territory',
  'restrict_interaction',
  'age_restrict',
  'demote',
];

export const BankSubmission = z.strictObject({
  name: BankName,
  kind: BankKind,
  description: z.string().trim().min(1).max(1000),
});
export type BankSubmission = z.infer<typeof BankSubmission>;

export const Bank = BankSubmission.extend({
  createdAt: Timestamp,
  signals: z.number().int().nonnegative(),
});
export type Bank = z.infer<typeof Bank>;

const HEX = (digits: number) => new RegExp(`^[0-9a-f]{${digits}}$`);
const VALUE_FORMAT: Record<SignalType, { test: (v: string) => boolean; expected: string }> = {
  pdq: { test: (v) => isPdqHex(v), expected: '64 lowercase hex digits (PDQ)' },
  md5: { test: (v) => HEX(32).test(v), expected: '32 lowercase hex digits (MD5)' },
  sha256: { test: (v) => HEX(64).test(v), expected: '64 lowercase hex digits (SHA-256)' },
  text: {
    test: (v) => HEX(TEXT_SIGNAL_SLOTS * 4).test(v),
    expected: `${TEXT_SIGNAL_SLOTS * 4} lowercase hex digits (text MinHash)`,
  },
};

/** A query signal: its type and hash value (lowercase hex). */
export const SignalQuery = z
  .strictObject({ type: SignalType, value: z.string().max(512) })
  .superRefine((s, ctx) => {
    if (!VALUE_FORMAT[s.type].test(s.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected ${VALUE_FORMAT[s.type].expected}`,
      });
  });
export type SignalQuery = z.infer<typeof SignalQuery>;

/** What a banked signal stands for: policy category and where the hash came from. */
export const SignalLabel = z.strictObject({
  category: z.string().trim().min(1).max(100),
  source: z.string().trim().min(1).max(200),
});
export type SignalLabel = z.infer<typeof SignalLabel>;

export const SignalSubmission = z
  .strictObject({ type: SignalType, value: z.string().max(512), label: SignalLabel })
  .superRefine((s, ctx) => {
    if (!VALUE_FORMAT[s.type].test(s.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected ${VALUE_FORMAT[s.type].expected}`,
      });
  });
export type SignalSubmission = z.infer<typeof SignalSubmission>;

export const MAX_SIGNALS_PER_REQUEST = 1000;
export const SignalBatch = z.strictObject({
  signals: z.array(SignalSubmission).min(1).max(MAX_SIGNALS_PER_REQUEST),
});
export type SignalBatch = z.infer<typeof SignalBatch>;

export const SignalsAdded = z.object({
  added: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});

/**
 * One change of a bank in its export (the feed a copy follows with `cursor`): a signal added,
 * or removed (`removed: true`, e.g. its decision was reversed on appeal), or held by flood
 * quarantine (`held: true`: not matched until a person releases it).
 */
export const BankSignal = z.object({
  type: SignalType,
  value: z.string(),
  label: SignalLabel,
  addedAt: Timestamp,
  removed: z.boolean(),
  held: z.boolean(),
  disagreements: z.number().int().nonnegative(),
});
export type BankSignal = z.infer<typeof BankSignal>;

export const BankExport = z.object({
  bank: z.string(),
  kind: BankKind,
  signals: z.array(BankSignal),
  /** Pass back as `cursor` to get only what changed since; null when the page is the last. */
  nextCursor: z.string().nullable(),
  /** The cursor to poll with later (the newest change seen), even on the last page. */
  cursor: z.string(),
});
export type BankExport = z.infer<typeof BankExport>;

export const MAX_MATCH_SIGNALS = 100;
export const MatchRequest = z.strictObject({
  signals: z.array(SignalQuery).min(1).max(MAX_MATCH_SIGNALS),
});
export type MatchRequest = z.infer<typeof MatchRequest>;

export const Match = z.object({
  /** Index of the query signal in the request. */
  signal: z.number().int().nonnegative(),
  bank: z.string(),
  distance: z.number().int().nonnegative(),
  label: SignalLabel,
});
export type Match = z.infer<typeof Match>;
export const MatchResponse = z.object({ matches: z.array(Match) });
export type MatchResponse = z.infer<typeof MatchResponse>;

export const Disagreement = z.strictObject({
  type: SignalType,
  value: z.string().max(512),
  reason: z.string().trim().min(1).max(1000),
});
export type Disagreement = z.infer<typeof Disagreement>;
