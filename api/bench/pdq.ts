/**
 * PDQ benchmark (`pnpm --filter @counterweight/api bench:pdq`): hashing a 1024×768 JPEG in
 * Node, decode included (target, issue 17: ≤ 20 ms). The JPEG is the bridge vector resized to
 * 1024×768 and encoded at quality 85 once before timing. Prints per-run wall-clock and process
 * CPU figures; the figures go into BENCHMARKS.md by hand with the machine's load.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pdqHashPhoto, type PdqPixels } from '@counterweight/shared/pdq/index';
import jpeg from 'jpeg-js';
import { decodeImage } from '../src/pdq/decode-image';
import { VECTORS_DIR } from '../src/testing/pdq-vectors';

const RUNS = Number(process.env.BENCH_PDQ_RUNS ?? 200);

function resizeNearest(p: PdqPixels, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from =
        (Math.floor((y * p.height) / height) * p.width + Math.floor((x * p.width) / width)) *
        p.channels;
      out.set([p.data[from]!, p.data[from + 1]!, p.data[from + 2]!, 255], (y * width + x) * 4);
    }
  }
  return out;
}

const original = decodeImage(readFileSync(join(VECTORS_DIR, 'bridge-mods--aaa-orig.jpg')));
const file = jpeg.encode(
  { width: 1024, height: 768, data: Buffer.from(resizeNearest(original, 1024, 768)) },
  85,
).data;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const report = (name: string, fn: () => void) => {
  for (let i = 0; i < 20; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${quantile(wall, 0.5).toFixed(2)} ms | ${quantile(wall, 0.99).toFixed(2)} ms | ${quantile(cpu, 0.5).toFixed(2)} ms |`,
  );
};

console.log(`load average ${loadavg()[0]!.toFixed(1)}, ${RUNS} runs, ${file.length} byte JPEG`);
console.log('| step | wall p50 | wall p99 | CPU p50 |\n| --- | --- | --- | --- |');
const pixels = decodeImage(file);
report('decode 1024×768 JPEG', () => decodeImage(file));
report('PDQ of decoded pixels', () => pdqHashPhoto(pixels));
report('decode + PDQ', () => pdqHashPhoto(decodeImage(file)));
console.log(`load average after ${loadavg()[0]!.toFixed(1)}`);
