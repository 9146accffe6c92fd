/**
 * PDQ in the browser (`pnpm --filter @counterweight/e2e bench:pdq-browser`): a 1024×768 JPEG
 * decoded by Chromium (`createImageBitmap`), read back from an OffscreenCanvas and hashed by the
 * shared PDQ code bundled as the extension bundles it (target, issue 17: ≤ 30 ms, decode
 * included). Each way of reading the pixels back is timed, and checked against the reference
 * vectors (shared/pdq-vectors: the reference hasher's output; PDQ in Node equals it bit for bit):
 * - `before`: the whole image drawn and read back (a plain 2D context), the shared code
 *   resamples to 512 × 512: what the extension did before;
 * - `full`: the same with `willReadFrequently` (a canvas kept in memory, not on the GPU);
 * - `canvas-512`: drawn straight onto a 512 × 512 canvas, nearest neighbour (smoothing off), with
 *   the transform shifted so that each output pixel samples source column ⌊x · width / 512⌋ as
 *   the reference does, and only that read back (what the extension does, image-hash.ts);
 * - `resize-pixelated`: `createImageBitmap(blob, { resizeWidth: 512, resizeHeight: 512,
 *   resizeQuality: 'pixelated' })`, Chromium's own nearest neighbour (samples pixel centres).
 * Headless Chromium on a plain page; prints the figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
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
    contents: `import { pdqHashPhoto, pdqHexDistance } from './pdq/index'; globalThis.pdqHashPhoto = pdqHashPhoto; globalThis.pdqHexDistance = pdqHexDistance;`,
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

const VECTORS = join(REPO, '../shared/pdq-vectors');
const expected = readFileSync(join(VECTORS, 'expected.csv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(','))
  .filter(([, , name]) => /\.jpe?g$/.test(name!))
  .map(([hash, quality, name]) => ({ hash: hash!, quality: Number(quality), name: name! }));

const server = new FixtureServer(await freePort(23950, new Set()));
server.generated.set('/photo.jpg', { type: 'image/jpeg', body: file });
for (const name of readdirSync(VECTORS).filter((f) => /\.jpe?g$/.test(f)))
  server.generated.set(`/v/${name}`, {
    type: 'image/jpeg',
    body: readFileSync(join(VECTORS, name)),
  });
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
  // Passed as text: tsx would wrap a function's inner helpers in a \`__name\` the page lacks.
  await page.evaluate(`(() => {
    const OPTS = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' };
    const MAX = 512;
    const readBack = (source, width, height, draw, options = { willReadFrequently: true }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d', options);
      draw(ctx);
      return { width, height, channels: 4, data: ctx.getImageData(0, 0, width, height).data };
    };
    globalThis.pixelsBy = {
      before: async (blob) => {
        const b = await createImageBitmap(blob, OPTS);
        const p = readBack(b, b.width, b.height, (ctx) => ctx.drawImage(b, 0, 0), {});
        b.close();
        return p;
      },
      full: async (blob) => {
        const b = await createImageBitmap(blob, OPTS);
        const p = readBack(b, b.width, b.height, (ctx) => ctx.drawImage(b, 0, 0));
        b.close();
        return p;
      },
      'canvas-512': async (blob) => {
        const b = await createImageBitmap(blob, OPTS);
        const { width, height } = b;
        let p;
        if (width <= MAX && height <= MAX) p = readBack(b, width, height, (ctx) => ctx.drawImage(b, 0, 0));
        else
          p = readBack(b, MAX, MAX, (ctx) => {
            ctx.imageSmoothingEnabled = false;
            // Output pixel x is sampled at its centre x + 0.5; shifting by almost half a pixel
            // makes that source column floor(x * width / 512), the reference's choice.
            ctx.setTransform(MAX / width, 0, 0, MAX / height, 0.5 - 0.25 / width, 0.5 - 0.25 / height);
            ctx.drawImage(b, 0, 0);
          });
        b.close();
        return p;
      },
      'resize-pixelated': async (blob, size) => {
        const big = size.width > MAX || size.height > MAX;
        const b = await createImageBitmap(blob, big ? { ...OPTS, resizeWidth: MAX, resizeHeight: MAX, resizeQuality: 'pixelated' } : OPTS);
        const p = readBack(b, b.width, b.height, (ctx) => ctx.drawImage(b, 0, 0));
        b.close();
        return p;
      },
    };
  })()`);
  const methods = ['before', 'full', 'canvas-512', 'resize-pixelated'];
  // Distances to the reference hasher's output on every JPEG vector, per way of reading back.
  const vectors = (await page.evaluate(`(async () => {
    const out = {};
    for (const v of ${JSON.stringify(expected)}) {
      const blob = await (await fetch('/v/' + v.name)).blob();
      const probe = await createImageBitmap(blob);
      const size = { width: probe.width, height: probe.height };
      probe.close();
      out[v.name] = { size: size.width + '×' + size.height };
      for (const m of ${JSON.stringify(methods)}) {
        const r = globalThis.pdqHashPhoto(await globalThis.pixelsBy[m](blob, size));
        out[v.name][m] = [globalThis.pdqHexDistance(r.hash, v.hash), r.quality - v.quality];
      }
    }
    return out;
  })()`)) as Record<string, Record<string, string | [number, number]>>;
  const times = (await page.evaluate(`(async () => {
    const blob = await (await fetch('/photo.jpg')).blob();
    const size = { width: ${width}, height: ${height} };
    const once = async (m) => {
      const t0 = performance.now();
      const pixels = await globalThis.pixelsBy[m](blob, size);
      const t1 = performance.now();
      globalThis.pdqHashPhoto(pixels);
      return [performance.now() - t0, t1 - t0];
    };
    const ways = ${JSON.stringify(methods)};
    const out = {};
    for (const m of ways) {
      for (let i = 0; i < 10; i++) await once(m);
      out[m] = [];
    }
    // Interleaved, so that the machine's changing load weighs on every way alike.
    for (let i = 0; i < ${RUNS}; i++) for (const m of ways) out[m].push(await once(m));
    return out;
  })()`)) as Record<string, number[][]>;
  const at = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
  console.log(
    `${new Date().toISOString()} · load average ${loadavg()[0]!.toFixed(1)}; ${RUNS} runs per way; ${file.length} byte JPEG`,
  );
  console.log(
    `| way | read-back p50 | read-back p99 | read-back + PDQ p50 | read-back + PDQ p99 |`,
  );
  console.log(`| --- | --- | --- | --- | --- |`);
  for (const m of methods) {
    const total = times[m]!.map((t) => t[0]!);
    const decode = times[m]!.map((t) => t[1]!);
    console.log(
      `| ${m} | ${at(decode, 0.5).toFixed(1)} ms | ${at(decode, 0.99).toFixed(1)} ms | ${at(total, 0.5).toFixed(1)} ms | ${at(total, 0.99).toFixed(1)} ms |`,
    );
  }
  console.log(`\nJPEG vectors: PDQ distance to the reference hash, quality difference`);
  console.log(
    `| vector | size | ${methods.join(' | ')} |\n| --- | --- | ${methods.map(() => '---').join(' | ')} |`,
  );
  for (const [name, row] of Object.entries(vectors))
    console.log(
      `| ${name} | ${row.size} | ${methods.map((m) => (row[m] as number[]).join(', ')).join(' | ')} |`,
    );
} finally {
  await browser.close();
  await server.stop();
}
