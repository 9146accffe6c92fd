/**
 * What an auditor runs against a Counterweight server, in Node (verify-log) or in the browser
 * (/transparency): check a checkpoint's signature and the inclusion proofs of a sample of
 * entries, and recompute a transparency report from the log entries alone. Pure code on
 * WebCrypto over a small HTTP client, so both use the same functions.
 */
import { openCheckpoint, type Checkpoint } from './checkpoint';
import { fromBase64, toBase64 } from './log-bytes';
import { LogEntry } from './log-entry';
import { hashLeaf, rootHash, verifyConsistency, verifyInclusion } from './merkle';
import {
  compareFigures,
  computeTransparencyFigures,
  type FigureMismatch,
  type TransparencyFigures,
  type TransparencyReport,
} from './transparency';

/** GETs a path of the log server; throws on a non-2xx answer (after retrying a 429). */
export interface LogClient {
  text(path: string): Promise<string>;
  json(path: string): Promise<unknown>;
}

/**
 * `fetchImpl` that honours the server's rate limit: a `429` is retried after its `Retry-After`
 * seconds (at most 30 s a wait, 5 times), so a monitor reading a large log slows down instead of
 * failing. Any other answer is returned as it is.
 */
export function retryingFetch(fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    let res = await fetchImpl(input, init);
    for (let retry = 0; res.status === 429 && retry < 5; retry++) {
      const told = Number(res.headers.get('retry-after') ?? Number.NaN);
      const seconds = Number.isFinite(told) && told >= 0 ? Math.min(30, told) : 1;
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      res = await fetchImpl(input, init);
    }
    return res;
  };
}

/** A `LogClient` over `fetch` for the server at `baseUrl` (no trailing slash needed). */
export function fetchLogClient(baseUrl: string, fetchImpl: typeof fetch = fetch): LogClient {
  const base = baseUrl.replace(/\/+$/, '');
  const polite = retryingFetch(fetchImpl);
  const get = async (path: string) => {
    const res = await polite(`${base}${path}`);
    if (!res.ok)
      throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  return {
    text: async (path) => (await get(path)).text(),
    json: async (path) => (await get(path)).json(),
  };
}

/** Most entries the server answers per `/v1/log/entries` request. */
export const ENTRIES_PAGE = 1000;

/** One entry as fetched: its index, the exact bytes that were hashed, and their decoding. */
export interface FetchedEntry {
  index: number;
  data: Uint8Array;
  entry: LogEntry;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes the bytes of an entry; the decoding is ours, never the server's `entry` field. */
export function decodeEntryBytes(data: Uint8Array): LogEntry {
  return LogEntry.parse(JSON.parse(decoder.decode(data)));
}

function entriesPage(body: unknown): { index: number; data: string }[] {
  const entries = (body as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error('log entries answer has no entries array');
  return entries.map((e: { index?: unknown; data?: unknown }) => {
    if (typeof e.index !== 'number' || typeof e.data !== 'string')
      throw new Error('malformed log entry in answer');
    return { index: e.index, data: e.data };
  });
}

/** Fetches entries `[start, end)` page by page; throws if the server skips or repeats one. */
export async function fetchEntries(
  client: LogClient,
  start: number,
  end: number,
  onProgress?: (done: number) => void,
): Promise<FetchedEntry[]> {
  const out: FetchedEntry[] = [];
  for (let at = start; at < end;) {
    const stop = Math.min(end, at + ENTRIES_PAGE);
    const page = entriesPage(await client.json(`/v1/log/entries?start=${at}&end=${stop}`));
    if (page.length === 0) throw new Error(`the server returned no entries at ${at}`);
    for (const e of page) {
      if (e.index !== at) throw new Error(`expected entry ${at}, got ${e.index}`);
      const data = fromBase64(e.data);
      out.push({ index: at, data, entry: decodeEntryBytes(data) });
      at++;
    }
    onProgress?.(at - start);
  }
  return out;
}

/** The result of checking one sampled entry's inclusion proof. */
export interface InclusionCheck {
  index: number;
  ok: boolean;
  message: string;
}

export interface SampleVerification {
  checkpoint: Checkpoint;
  checks: InclusionCheck[];
  ok: boolean;
}

/**
 * Opens the server's latest checkpoint with `verifierKey` (signature, then body) and checks the
 * inclusion proofs of `sampleSize` distinct entries (always including the latest) against its
 * root. Throws when the checkpoint itself does not verify; a failing proof is reported per entry.
 */
export async function verifyCheckpointSample(
  client: LogClient,
  verifierKey: string,
  sampleSize: number,
  random: () => number = Math.random,
): Promise<SampleVerification> {
  const checkpoint = await openCheckpoint(
    await client.text('/v1/log/checkpoint'),
    verifierKey.trim(),
  );
  const size = checkpoint.size;
  const indices = new Set<number>(size > 0 ? [size - 1] : []);
  while (indices.size < Math.min(sampleSize, size)) indices.add(Math.floor(random() * size));
  const checks: InclusionCheck[] = [];
  for (const index of [...indices].sort((a, b) => a - b)) {
    try {
      const [fetched] = await fetchEntries(client, index, index + 1);
      const proof = (await client.json(
        `/v1/log/proof/inclusion?index=${index}&treeSize=${size}`,
      )) as { hashes?: unknown };
      if (!Array.isArray(proof.hashes)) throw new Error('inclusion proof has no hashes');
      const hashes = proof.hashes.map((h) => fromBase64(String(h)));
      await verifyInclusion(
        index,
        size,
        await hashLeaf(fetched!.data),
        hashes,
        checkpoint.rootHash,
      );
      checks.push({
        index,
        ok: true,
        message: `entry ${index} (${fetched!.entry.type}) is in the tree of ${size}`,
      });
    } catch (error) {
      checks.push({
        index,
        ok: false,
        message: `entry ${index}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { checkpoint, checks, ok: checks.every((c) => c.ok) };
}

/** The outcome of recomputing a published report from the log. */
export interface ReportAudit {
  /** The root of the first `treeSize` entries equals the root the report names. */
  rootMatches: boolean;
  /** With a signed checkpoint given: the report's tree is a prefix of it (consistency proof). */
  consistentWithSigned: boolean | null;
  recomputedRoot: string;
  recomputed: TransparencyFigures;
  mismatches: FigureMismatch[];
  ok: boolean;
}

/**
 * Recomputes every figure of `report` from the log entries `[0, report.checkpoint.treeSize)`,
 * and the root of those entries, and compares both with what the report states. With `signed`
 * (a checkpoint opened with the log's key), also checks with a consistency proof that the
 * report's tree is a prefix of the signed one, so the entries are the log's own. Pass `entries`
 * already fetched to avoid fetching them again.
 */
export async function auditReport(
  client: LogClient,
  report: TransparencyReport,
  options: {
    signed?: Checkpoint;
    entries?: readonly FetchedEntry[];
    onProgress?: (done: number) => void;
  } = {},
): Promise<ReportAudit> {
  const { signed, entries, onProgress } = options;
  const size = report.checkpoint.treeSize;
  const fetched = entries
    ? entries.slice(0, size)
    : await fetchEntries(client, 0, size, onProgress);
  if (fetched.length !== size) throw new Error(`needed ${size} entries, have ${fetched.length}`);
  const leaves = await Promise.all(fetched.map((e) => hashLeaf(e.data)));
  const recomputedRoot = toBase64(await rootHash(leaves));
  const recomputed = computeTransparencyFigures(
    fetched.map((e) => e.entry),
    report.period,
  );
  const mismatches = compareFigures(report.figures, recomputed);
  const rootMatches = recomputedRoot === report.checkpoint.rootHash;
  let consistentWithSigned: boolean | null = null;
  if (signed) {
    try {
      const proof =
        size === 0 || size === signed.size
          ? { hashes: [] }
          : ((await client.json(`/v1/log/proof/consistency?from=${size}&to=${signed.size}`)) as {
              hashes?: unknown;
            });
      if (!Array.isArray(proof.hashes)) throw new Error('consistency proof has no hashes');
      await verifyConsistency(
        size,
        signed.size,
        proof.hashes.map((h) => fromBase64(String(h))),
        fromBase64(recomputedRoot),
        signed.rootHash,
      );
      consistentWithSigned = true;
    } catch {
      consistentWithSigned = false;
    }
  }
  const ok = rootMatches && mismatches.length === 0 && consistentWithSigned !== false;
  return { rootMatches, consistentWithSigned, recomputedRoot, recomputed, mismatches, ok };
}
