import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedVectors, VECTORS_DIR } from '../testing/pdq-vectors';
import { runPdq } from './pdq';

async function run(files: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPdq(
    files,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

describe('pnpm pdq', () => {
  it('prints the reference hasher’s HASH_HEX,QUALITY,FILE line for each image', async () => {
    const vectors = expectedVectors().slice(0, 6);
    const files = vectors.map((v) => join(VECTORS_DIR, v.file));
    const { code, out, err } = await run(files);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(vectors.map((v) => `${v.hash},${v.quality},${join(VECTORS_DIR, v.file)}`));
    for (const line of out) expect(line).toMatch(/^[0-9a-f]{64},(100|[1-9]?[0-9]),.+$/);
  });

  it('exits 1 naming each file it could not decode, and still hashes the others', async () => {
    const good = join(VECTORS_DIR, 'wee.jpg');
    const text = join(VECTORS_DIR, 'expected.csv');
    const missing = join(VECTORS_DIR, 'no-such-file.png');
    const { code, out, err } = await run([text, good, missing]);
    expect(code).toBe(1);
    expect(out).toEqual([
      `6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d,100,${good}`,
    ]);
    expect(err).toHaveLength(2);
    expect(err[0]).toContain(text);
    expect(err[0]).toContain('not a PNG or JPEG');
    expect(err[1]).toContain(missing);
  });

  it('refuses a truncated JPEG with a decode error, not a crash', async () => {
    const { writeFileSync, readFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync(join((await import('node:os')).tmpdir(), 'pdq-'));
    const broken = join(dir, 'broken.jpg');
    writeFileSync(broken, readFileSync(join(VECTORS_DIR, 'wee.jpg')).subarray(0, 200));
    const { code, err } = await run([broken]);
    expect(code).toBe(1);
    expect(err[0]).toContain(broken);
  });
});
