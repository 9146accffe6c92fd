/**
 * PDQ in the browser (`pnpm --filter @counterweight/e2e exec tsx bench/pdq-browser.ts`): a
 * 1024×768 JPEG decoded by Chromium (`createImageBitmap`), read back from an OffscreenCanvas and
 * hashed by the shared PDQ code bundled as the extension bundles it (target, issue 17: ≤ 30 ms,
 * decode included). Headless Chromium on a plain page; prints the figures.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import { chromium } from 'playwright-core';
import { CHROMIUM, REPO } from '../src/harness/paths';
import { FixtureServer } from '../src/harness/fixture-server';
import { freePort } from '../src/harness/free-port';

const RUNS = 50;
const bundle = await build({
  stdin: {
    contents: `import { pdqHashPhoto } from './pdq/index'; globalThis.pdqHashPhoto = pdqHashPhoto;`,
    resolveDir: join(REPO, 'shared/src'),
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'iife',
  write: false,
});

// A textured 1024×768 photo-like image, JPEG quality 85.
const width = 1024;
const height = 768;
const rgba = Buffer.alloc(width * height * 4);
for (let y = 0; y < height; y++)
  for (let x = 0; x < width; x++) {
    const p = (y * width + x) * 4;
    for (let c = 0; c < 3; c++)
      rgba[p + c] = Math.max(
        0,
        Math.min(
          255,
          Math.round(
            128 + 80 * Math.sin((x * (c + 3)) / 90 + y / 37) + 30 * Math.cos((x * y) / 5000),
          ),
        ),
      );
    rgba[p + 3] = 255;
  }
const file = jpeg.encode({ width, height, data: rgba }, 85).data;

const server = new FixtureServer(await freePort(43950, new Set()));
server.generated.set('/photo.jpg', { type: 'image/jpeg', body: file });
server.generated.set('/bench.html', {
  type: 'text/html',
  body: '<!doctype html><title>pdq</title>',
});
await server.start();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(server.url('/bench.html'));
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  // Passed as text: tsx would wrap a function's inner helpers in a `__name` the page lacks.
  const times = (await page.evaluate(`(async () => {
    const blob = await (await fetch('/photo.jpg')).blob();
    const once = async () => {
      const t0 = performance.now();
      const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const t1 = performance.now();
      globalThis.pdqHashPhoto({ width: bitmap.width, height: bitmap.height, channels: 4, data });
      bitmap.close();
      return [performance.now() - t0, t1 - t0];
    };
    for (let i = 0; i < 10; i++) await once();
    const out = [];
    for (let i = 0; i < ${RUNS}; i++) out.push(await once());
    return out;
  })()`)) as number[][];
  const at = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
  const total = times.map((t) => t[0]!);
  const decode = times.map((t) => t[1]!);
  console.log(`load average ${loadavg()[0]!.toFixed(1)}; ${RUNS} runs; ${file.length} byte JPEG`);
  console.log(`| step | p50 | p99 |\n| --- | --- | --- |`);
  console.log(
    `| decode + canvas read-back | ${at(decode, 0.5).toFixed(1)} ms | ${at(decode, 0.99).toFixed(1)} ms |`,
  );
  console.log(
    `| decode + PDQ | ${at(total, 0.5).toFixed(1)} ms | ${at(total, 0.99).toFixed(1)} ms |`,
  );
} finally {
  await browser.close();
  await server.stop();
}
