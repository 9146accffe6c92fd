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
      expect(Object.keys(p)).toEqual(['id', 'decision', 'label', 'scores', 'evidence']);
      expect(['flag', 'uncertain', 'clear']).toContain(p.decision);
    }
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
