import {
  MerkleTree,
  fromBase64,
  openCheckpoint,
  retryingFetch,
  toBase64,
  verifyConsistency,
  type Checkpoint,
} from '@counterweight/shared';
import { z } from 'zod';
import { nodeSha256 } from '../log/node-sha256';
import { leafHash } from '../log/sequence';
import type { VerifyLogMode, VerifyLogModeInput } from './verify-log-modes';

const ConsistencyAnswer = z.object({ hashes: z.array(z.string()) });

/** RFC 9162 root of the first `size` verified entries. */
function rootOf(entries: VerifyLogModeInput['entries'], size: number): Uint8Array {
  const tree = new MerkleTree(nodeSha256);
  for (const { data } of entries.slice(0, size)) tree.append(leafHash(data));
  return tree.root();
}

/**
 * `--peer URL`: another API instance of the same database must serve the same log. Its checkpoint
 * must verify with the same key and origin, and be consistent with the checkpoint just verified:
 * a smaller one must have the root of as many verified entries (the peer lags behind), a larger
 * one must come with the peer's valid consistency proof from this one. Anything else is a fork.
 */
export const peerMode: VerifyLogMode = {
  flag: '--peer',
  arity: 1,
  usage: '--peer URL',
  async run({ verifierKey, checkpoint, entries, args }) {
    const peerUrl = args[0]!.replace(/\/+$/, '');
    // The peer's public endpoints are rate-limited: a 429 waits as told and retries.
    const peerFetch = retryingFetch();
    const get = async (path: string) => {
      const res = await peerFetch(`${peerUrl}${path}`);
      if (!res.ok) throw new Error(`GET ${peerUrl}${path} answered ${res.status}`);
      return res;
    };
    const mismatch = (line: string) => ({ ok: false, lines: [`MISMATCH: ${line}`] });
    let peer: Checkpoint;
    try {
      peer = await openCheckpoint(
        await (await get('/v1/log/checkpoint')).text(),
        verifierKey,
        checkpoint.origin,
      );
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('GET ')) throw error;
      return mismatch(
        `the checkpoint of ${peerUrl} does not verify with ${verifierKey} (origin ${checkpoint.origin}): ${(error as Error).message}`,
      );
    }
    if (peer.size <= checkpoint.size) {
      const root = rootOf(entries, peer.size);
      if (toBase64(root) !== toBase64(peer.rootHash))
        return mismatch(
          `${peerUrl} signed root ${toBase64(peer.rootHash)} for size ${peer.size}, but the first ${peer.size} verified entries give ${toBase64(root)}: the two instances serve different logs`,
        );
    } else {
      const answer = ConsistencyAnswer.parse(
        await (
          await get(`/v1/log/proof/consistency?from=${checkpoint.size}&to=${peer.size}`)
        ).json(),
      );
      try {
        await verifyConsistency(
          checkpoint.size,
          peer.size,
          answer.hashes.map(fromBase64),
          checkpoint.rootHash,
          peer.rootHash,
        );
      } catch (error) {
        return mismatch(
          `${peerUrl} is at size ${peer.size} but cannot prove it extends the verified size ${checkpoint.size}: ${(error as Error).message}`,
        );
      }
    }
    return {
      ok: true,
      lines: [
        `peer ${peerUrl}: checkpoint of size ${peer.size}, consistent with size ${checkpoint.size} (the same log)`,
      ],
    };
  },
};
