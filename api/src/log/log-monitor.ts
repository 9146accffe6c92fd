import { readFile, rename, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  fromBase64,
  openCheckpoint,
  parseVerifierKey,
  retryingFetch,
  toBase64,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@counterweight/shared';
import { z } from 'zod';
import { ParallelTreeBuilder } from './parallel-tree';

/** A check failed: the log, its checkpoint or its history is not what it must be. */
export class LogMismatchError extends Error {
  override readonly name = 'LogMismatchError';
}

/** What the monitor remembers between runs (the `--state` file). */
export const MonitorState = z.object({
  url: z.string(),
  verifierKey: z.string(),
  origin: z.string(),
  size: z.number().int().nonnegative(),
  rootHash: z.string(),
  checkpoint: z.string(),
  checkedAt: z.string(),
});
export type MonitorState = z.infer<typeof MonitorState>;

export interface MonitorOptions {
  baseUrl: string;
  /** The pinned verifier key; without it the server's key is trusted on first use. */
  verifierKey?: string;
  /** JSON file with the last checkpoint seen; created or updated after a successful run. */
  stateFile?: string;
  /** Keep the fetched entries (for extra checks such as `--report`). */
  keepEntries?: boolean;
  /** Parallel page requests (default 4). */
  concurrency?: number;
  /** Threads that hash the entries (default: the machine's available parallelism). */
  threads?: number;
  fetch?: typeof fetch;
  say?: (line: string) => void;
}

export interface MonitorResult {
  checkpoint: Checkpoint;
  verifierKey: string;
  /** Entries with the exact bytes hashed, when `keepEntries` was set. */
  entries: { index: number; data: Uint8Array }[] | null;
  /** The state before this run, if any. */
  previous: MonitorState | null;
}

const PAGE = 1000;
const EntriesPage = z.object({
  entries: z.array(z.object({ index: z.number().int(), data: z.string(), entry: z.unknown() })),
});
const ConsistencyAnswer = z.object({
  from: z.number(),
  to: z.number(),
  hashes: z.array(z.string()),
});
const InclusionAnswer = z.object({
  index: z.number(),
  treeSize: z.number(),
  hashes: z.array(z.string()),
});
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The auditor's monitor behind `pnpm verify-log`: opens the server's checkpoint with the pinned
 * key, fetches every entry, recomputes the RFC 9162 root and compares it with the signed one,
 * then checks that the log still extends the checkpoint of the previous run (recomputed from the
 * entries, and by the server's consistency proof) and records the new one. Throws
 * {@link LogMismatchError} with a clear message on any mismatch; other errors are network or
 * usage problems.
 */
export async function monitorLog(options: MonitorOptions): Promise<MonitorResult> {
  const say = options.say ?? (() => {});
  const base = options.baseUrl.replace(/\/+$/, '');
  // The public endpoints are rate-limited: a 429 waits as told and retries.
  const doFetch = retryingFetch(options.fetch ?? fetch);
  const get = async (path: string): Promise<Response> => {
    const res = await doFetch(`${base}${path}`);
    if (!res.ok)
      throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  const previous = options.stateFile ? await readState(options.stateFile) : null;

  let verifierKey = options.verifierKey?.trim();
  if (previous && verifierKey && previous.verifierKey !== verifierKey) {
    throw new LogMismatchError(
      `--key differs from the key pinned in ${options.stateFile}: ${previous.verifierKey}`,
    );
  }
  verifierKey ??= previous?.verifierKey;
  if (!verifierKey) {
    verifierKey = (await (await get('/v1/log/key')).text()).trim();
    say(
      `WARNING: no --key given: trusting the key the server serves on first use (TOFU): ${verifierKey}`,
    );
    say('         Compare it with the key published out of band and pass it with --key.');
  }
  await parseVerifierKey(verifierKey).catch((error: Error) => {
    throw new Error(`invalid verifier key: ${error.message}`);
  });

  const note = await (await get('/v1/log/checkpoint')).text();
  let checkpoint: Checkpoint;
  try {
    checkpoint = await openCheckpoint(note, verifierKey, previous?.origin);
  } catch (error) {
    throw new LogMismatchError(
      `the checkpoint does not verify with ${verifierKey}: ${(error as Error).message}`,
    );
  }
  say(
    `checkpoint: signature valid; origin ${checkpoint.origin}, tree size ${checkpoint.size}, root ${toBase64(checkpoint.rootHash)}`,
  );
  if (previous && checkpoint.size < previous.size) {
    throw new LogMismatchError(
      `the log shrank: tree size ${checkpoint.size} now, ${previous.size} at the last check (${previous.checkedAt})`,
    );
  }

  const builder = new ParallelTreeBuilder({ threads: options.threads });
  const kept: { index: number; data: Uint8Array }[] | null = options.keepEntries ? [] : null;
  await fetchAll(
    checkpoint.size,
    options.concurrency ?? 4,
    async (start, end) => {
      const body = EntriesPage.parse(
        await (await get(`/v1/log/entries?start=${start}&end=${end}`)).json(),
      );
      return body.entries;
    },
    (entry, index) => {
      if (entry.index !== index)
        throw new LogMismatchError(`expected entry ${index}, the server sent ${entry.index}`);
      let data: Uint8Array;
      let decoded: unknown;
      try {
        data = fromBase64(entry.data);
        decoded = JSON.parse(decoder.decode(data));
      } catch {
        throw new LogMismatchError(`entry ${index}: data is not base64 of UTF-8 JSON`);
      }
      if (!isDeepStrictEqual(decoded, entry.entry)) {
        throw new LogMismatchError(
          `entry ${index}: the decoded "entry" the server shows differs from the bytes it hashed`,
        );
      }
      builder.add(data);
      kept?.push({ index, data });
    },
  ).catch(async (error: unknown) => {
    await builder.close();
    throw error;
  });
  const tree = await builder.finish();

  const root = tree.root();
  if (toBase64(root) !== toBase64(checkpoint.rootHash)) {
    throw new LogMismatchError(
      `the ${checkpoint.size} entries served recompute to root ${toBase64(root)}, but the signed checkpoint says ${toBase64(checkpoint.rootHash)}`,
    );
  }
  say(`entries: all ${checkpoint.size} fetched and recomputed to the signed root`);

  if (checkpoint.size > 0) {
    const last = checkpoint.size - 1;
    const proof = InclusionAnswer.parse(
      await (await get(`/v1/log/proof/inclusion?index=${last}&treeSize=${checkpoint.size}`)).json(),
    );
    await verifyInclusion(
      last,
      checkpoint.size,
      tree.leafHash(last),
      proof.hashes.map(fromBase64),
      root,
    ).catch((error: Error) => {
      throw new LogMismatchError(
        `the server's inclusion proof for entry ${last} is wrong: ${error.message}`,
      );
    });
  }

  if (previous) {
    const oldRoot = fromBase64(previous.rootHash);
    if (toBase64(tree.root(previous.size)) !== previous.rootHash) {
      throw new LogMismatchError(
        `history rewritten: the first ${previous.size} entries now give root ${toBase64(tree.root(previous.size))}, ` +
          `but the checkpoint seen on ${previous.checkedAt} had ${previous.rootHash}`,
      );
    }
    const answer = ConsistencyAnswer.parse(
      await (
        await get(`/v1/log/proof/consistency?from=${previous.size}&to=${checkpoint.size}`)
      ).json(),
    );
    await verifyConsistency(
      previous.size,
      checkpoint.size,
      answer.hashes.map(fromBase64),
      oldRoot,
      checkpoint.rootHash,
    ).catch((error: Error) => {
      throw new LogMismatchError(
        `the server's consistency proof from ${previous.size} to ${checkpoint.size} is wrong: ${error.message}`,
      );
    });
    say(
      `consistency: the log extends the checkpoint of size ${previous.size} seen on ${previous.checkedAt}`,
    );
  }

  if (options.stateFile) {
    await writeState(options.stateFile, {
      url: base,
      verifierKey,
      origin: checkpoint.origin,
      size: checkpoint.size,
      rootHash: toBase64(checkpoint.rootHash),
      checkpoint: note,
      checkedAt: new Date().toISOString(),
    });
  }
  return { checkpoint, verifierKey, entries: kept, previous };
}

/** Fetches `[0, size)` in pages, up to `concurrency` at once, and hands entries over in order. */
async function fetchAll<E>(
  size: number,
  concurrency: number,
  page: (start: number, end: number) => Promise<E[]>,
  each: (entry: E, index: number) => void,
): Promise<void> {
  const starts: number[] = [];
  for (let s = 0; s < size; s += PAGE) starts.push(s);
  const inFlight = new Map<number, Promise<E[]>>();
  let next = 0;
  const launch = () => {
    while (inFlight.size < concurrency && next < starts.length) {
      const s = starts[next++]!;
      const p = page(s, Math.min(size, s + PAGE));
      p.catch(() => {}); // awaited below, in order
      inFlight.set(s, p);
    }
  };
  let index = 0;
  for (const s of starts) {
    launch();
    const entries = await inFlight.get(s)!;
    inFlight.delete(s);
    const expected = Math.min(size, s + PAGE) - s;
    if (entries.length !== expected) {
      throw new LogMismatchError(
        `the server sent ${entries.length} entries for [${s}, ${s + expected}), not ${expected}`,
      );
    }
    for (const entry of entries) each(entry, index++);
  }
}

async function readState(file: string): Promise<MonitorState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = MonitorState.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${file} is not a verify-log state file: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function writeState(file: string, state: MonitorState): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, file);
}
