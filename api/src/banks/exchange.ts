import {
  SignalSubmission,
  type BankSignal,
  type SignalLabel,
  type SignalType,
} from '@counterweight/shared';
import { ApiError } from '../errors';

/**
 * Hash-list formats a bank imports and exports, so that two deployments, or a deployment and
 * an HMA / python-threatexchange instance, can share:
 *
 * - `threatexchange`: python-threatexchange's local-file signal exchange, one signal a line,
 *   `<signal type name> <value>` (`pdq`, `video_md5`, `sha256`; our text signal is
 *   `counterweight_text`, which other tools skip). The format carries no label: the import
 *   gives one category and source for the file.
 * - `tcap`: a CSV hash list with a header line, as TCAP-style lists are shared: columns
 *   `hash_type` (md5, sha256, pdq) and `hash_value` are required; `category` and `source`, when
 *   present, label each line (otherwise the import's). The export writes these four columns.
 */
export const EXCHANGE_FORMATS = ['threatexchange', 'tcap'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

const TX_NAMES: Record<SignalType, string> = {
  pdq: 'pdq',
  md5: 'video_md5',
  sha256: 'sha256',
  text: 'counterweight_text',
};
const FROM_TX: Record<string, SignalType> = {
  pdq: 'pdq',
  video_md5: 'md5',
  md5: 'md5',
  sha256: 'sha256',
  counterweight_text: 'text',
};

function invalid(line: number, message: string): ApiError {
  return new ApiError('validation_failed', `content line ${line}: ${message}`, [
    { path: 'content', message: `line ${line}: ${message}` },
  ]);
}

function signal(
  line: number,
  type: string | undefined,
  value: string | undefined,
  label: SignalLabel,
): SignalSubmission {
  const parsed = SignalSubmission.safeParse({ type, value: value?.trim().toLowerCase(), label });
  if (!parsed.success)
    throw invalid(
      line,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** Minimal RFC 4180 line split (quoted fields with doubled quotes; no newlines inside). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (fields.push(field), (field = ''));
    else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Parses a hash list; `label` labels lines that carry none. Throws a 400 naming the first bad
 * line. Signal types the format names but banks do not hold (a URL, a video hash of another
 * kind) are skipped and counted.
 */
export function parseHashList(
  format: ExchangeFormat,
  content: string,
  label: SignalLabel,
): { signals: SignalSubmission[]; skipped: number } {
  const lines = content.split(/\r?\n/);
  const signals: SignalSubmission[] = [];
  let skipped = 0;
  if (format === 'threatexchange') {
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [name, value] = line.split(/\s+/, 2);
      const type = FROM_TX[name!];
      if (!type) return void skipped++;
      signals.push(signal(i + 1, type, value, label));
    });
    return { signals, skipped };
  }
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('hash_type') < 0 || col('hash_value') < 0)
    throw invalid(1, 'the header needs hash_type and hash_value columns');
  lines.slice(1).forEach((raw, i) => {
    if (!raw.trim()) return;
    const f = csvFields(raw);
    const type = f[col('hash_type')]?.toLowerCase();
    if (!type || !(type in FROM_TX)) return void skipped++;
    const lineLabel = {
      category: (col('category') >= 0 && f[col('category')]) || label.category,
      source: (col('source') >= 0 && f[col('source')]) || label.source,
    };
    signals.push(signal(i + 2, FROM_TX[type], f[col('hash_value')], lineLabel));
  });
  return { signals, skipped };
}

/** Writes active signals in a hash-list format (removed and held ones are left out). */
export function formatHashList(format: ExchangeFormat, signals: BankSignal[]): string {
  const active = signals.filter((s) => !s.removed && !s.held);
  if (format === 'threatexchange')
    return active.map((s) => `${TX_NAMES[s.type]} ${s.value}\n`).join('');
  return (
    'hash_type,hash_value,category,source\n' +
    active
      .map((s) => [s.type, s.value, s.label.category, s.label.source].map(csvCell).join(',') + '\n')
      .join('')
  );
}
