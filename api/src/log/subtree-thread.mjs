// Worker thread of parallel-tree.ts: hashes one block of 2^k log entries into the levels of its
// complete RFC 9162 subtree. Plain JavaScript so that it starts without a TypeScript loader.
// Message in: { id, bytes: Uint8Array (entries end to end), offsets: Uint32Array (n + 1) }.
// Message out: { id, levels: Uint8Array[] } from the leaf hashes up to the block's root.
import crypto from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const HASH = 32;
const sha256 = crypto.hash
  ? (data) => crypto.hash('sha256', data, 'buffer')
  : (data) => crypto.createHash('sha256').update(data).digest();

let scratch = new Uint8Array(1024);

parentPort.on('message', ({ id, bytes, offsets }) => {
  const n = offsets.length - 1;
  let level = new Uint8Array(n * HASH);
  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const length = offsets[i + 1] - start;
    if (length + 1 > scratch.length) scratch = new Uint8Array(2 * (length + 1));
    scratch[0] = 0x00;
    scratch.set(bytes.subarray(start, start + length), 1);
    level.set(sha256(scratch.subarray(0, length + 1)), i * HASH);
  }
  const levels = [level];
  const pair = new Uint8Array(1 + 2 * HASH);
  pair[0] = 0x01;
  while (level.length > HASH) {
    const up = new Uint8Array(level.length / 2);
    for (let i = 0; i < up.length / HASH; i++) {
      pair.set(level.subarray(2 * i * HASH, (2 * i + 2) * HASH), 1);
      up.set(sha256(pair), i * HASH);
    }
    levels.push(up);
    level = up;
  }
  parentPort.postMessage(
    { id, levels },
    levels.map((l) => l.buffer),
  );
});
