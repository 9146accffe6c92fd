import { describe, expect, it } from 'vitest';
import { insultWords } from '../contrast/contrast-set';
import { splitOf } from './corpus';
import { emailSentences, loadEmailExamples, plainBody } from './emails';

const mail = (head: string, body: string) => `${head}\n\n${body}`;

describe('plainBody', () => {
  it('reads a plain mail, decoding quoted-printable', () => {
    const raw = mail(
      'From: a\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable',
      'The server will be down for mainten=\nance on Monday =3D all day.',
    );
    expect(plainBody(raw)).toBe('The server will be down for maintenance on Monday = all day.');
  });

  it('takes the text/plain part of a multipart mail and skips HTML-only and base64 mail', () => {
    const multipart = mail(
      'Content-Type: multipart/alternative;\n  boundary="XYZ"',
      [
        '--XYZ',
        'Content-Type: text/html',
        '',
        '<p>html</p>',
        '--XYZ',
        'Content-Type: text/plain',
        '',
        'The plain words of the mail.',
        '--XYZ--',
      ].join('\n'),
    );
    const body = plainBody(multipart);
    expect(body).toContain('The plain words of the mail.');
    expect(body).not.toContain('html');
    expect(plainBody(mail('Content-Type: text/html', '<p>hi</p>'))).toBeNull();
    expect(
      plainBody(mail('Content-Type: text/plain\nContent-Transfer-Encoding: base64', 'SGVsbG8=')),
    ).toBeNull();
  });
});

describe('emailSentences', () => {
  it('keeps what the writer wrote: no quotes, signatures, addresses, URLs or code', () => {
    const out = emailSentences(
      [
        'On Monday, Bob wrote:',
        '> Quoted words from the earlier mail are not ours to count.',
        'The meeting will be held in the church hall on Friday evening. Mail me at bob@example.org for the agenda of the evening.',
        'See http://example.org/page for every detail of the plan.',
        'if (x) { return y; } and the rest of this line is code',
        '',
        'Bring a friend and something to share at the table.',
        '-- ',
        'Bob, whose signature is long enough to be a sentence too.',
      ].join('\n'),
    );
    expect(out).toEqual([
      'The meeting will be held in the church hall on Friday evening.',
      'Bring a friend and something to share at the table.',
    ]);
  });
});

describe('loadEmailExamples', () => {
  it('reads the ham mail as lawful text in all three splits, a group named left unlabelled', () => {
    const rows = loadEmailExamples(insultWords(), splitOf);
    expect(rows.length).toBeGreaterThan(15000);
    expect(rows.every((r) => r.extremist === 0 && r.source === 'spamassassin-ham')).toBe(true);
    expect(new Set(rows.map((r) => r.split))).toEqual(new Set(['train', 'dev', 'test']));
    expect(rows.some((r) => r.hate === null)).toBe(true);
    expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(rows.length);
  });
});
