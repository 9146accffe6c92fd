/**
 * pnpm classify: JSON Lines in, JSON Lines out.
 *   stdin:  {"id": "...", "text": "..."} per line
 *   stdout: {"id", "decision", "label", "scores": {"hate", "extremist"}, "evidence": [...],
 *            "language"} per line
 * `decision` is flag, uncertain or clear, or abstain for a text in a language the model does not
 * cover (metadata.json `languages`): label null, scores 0, no evidence. `language` is the text's
 * ISO 639-1 code (639-3 where there is none), "und" when too short or mixed to tell (such a text
 * is scored).
 * Streams in batches (a 100,000-line file is never held in memory). A bad line gets an error on
 * stderr naming its line number and is skipped; the exit code is 1 if any line was bad.
 * Nothing but result lines is written to stdout.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadClassifier } from './load-node';

const InputLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
});
const BATCH = 256;

async function main(): Promise<number> {
  const classifier = await loadClassifier();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let bad = 0;
  let lineNumber = 0;
  let batch: { id: string; text: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const results = await classifier.classify(batch.map((b) => b.text));
    const out = results
      .map((r, i) =>
        JSON.stringify({
          id: batch[i]!.id,
          decision: r.decision,
          label: r.label,
          scores: r.scores,
          evidence: r.evidence,
          language: r.language,
        }),
      )
      .join('\n');
    batch = [];
    if (!process.stdout.write(out + '\n'))
      await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      bad++;
      process.stderr.write(`line ${lineNumber}: not valid JSON\n`);
      continue;
    }
    const input = InputLine.safeParse(parsed);
    if (!input.success) {
      bad++;
      const issue = input.error.issues[0]!;
      process.stderr.write(
        `line ${lineNumber}: ${issue.path.join('.') || 'line'}: ${issue.message}\n`,
      );
      continue;
    }
    batch.push(input.data);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return bad > 0 ? 1 : 0;
}

process.exitCode = await main();
