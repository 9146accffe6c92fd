import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/classify.ts'], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('pnpm classify (JSON Lines in, JSON Lines out)', () => {
  it('writes exactly one result line per good input line and nothing else on stdout', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Good morning, neighbours' }),
      JSON.stringify({ id: 'b', text: 'All immigrants are vermin and should be exterminated' }),
    ].join('\n');
    const out = run(input + '\n');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.id)).toEqual(['a', 'b']);
    for (const p of parsed) {
      expect(Object.keys(p)).toEqual(['id', 'decision', 'label', 'scores', 'evidence', 'language']);
      expect(['flag', 'uncertain', 'clear']).toContain(p.decision);
      expect(p.language).toBe('en');
    }
  });

  it('abstains on a language the model does not cover and says which language it is', () => {
    const input = [
      { id: 'ru', text: 'Все иммигранты паразиты, их надо выгнать из страны' },
      { id: 'de', text: 'Alle Einwanderer sind Ungeziefer und sollten aus dem Land gejagt werden' },
      { id: 'en', text: 'All immigrants are vermin and should be driven out of the country' },
      { id: 'short', text: 'kill them' },
    ];
    const out = run(input.map((l) => JSON.stringify(l)).join('\n'));
    expect(out.status).toBe(0);
    const byId = Object.fromEntries(
      out.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .map((p) => [p.id, p]),
    );
    for (const id of ['ru', 'de'])
      expect(byId[id]).toEqual({
        id,
        decision: 'abstain',
        label: null,
        scores: { hate: 0, extremist: 0 },
        evidence: [],
        language: id,
      });
    expect(byId.en).toMatchObject({ decision: 'flag', label: 'hate', language: 'en' });
    // Too short to tell: read as before, with the language undetermined.
    expect(byId.short).toMatchObject({ language: 'und' });
    expect(byId.short!.decision).not.toBe('abstain');
  });

  it('reports bad lines on stderr by number, goes on, and exits non-zero', () => {
    const input = [
      '{"id":"1","text":"hello"}',
      'not json',
      '{"id":"3"}',
      '',
      '{"id":"5","text":"bye"}',
    ].join('\n');
    const out = run(input);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('line 2: not valid JSON');
    expect(out.stderr).toMatch(/line 3: text: /);
    expect(
      out.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['1', '5']);
  });

  it('streams a large input without holding it (5,000 lines)', () => {
    const input = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ id: String(i), text: `message number ${i} about the weather` }),
    ).join('\n');
    const out = run(input);
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(5000);
  });
});
