import type * as tfType from '@tensorflow/tfjs';
import * as tfc from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let ready: Promise<typeof tfType> | null = null;

/**
 * TensorFlow.js on the wasm backend, single-threaded (no cross-origin isolation in an extension
 * page), with the .wasm binaries loaded from the extension's own files at `assetBase`. Only
 * tfjs-core, tfjs-layers and the wasm backend are bundled (not the webgl and cpu backends of
 * the full `@tensorflow/tfjs`), which keeps the page that hosts the model small (Chrome's
 * offscreen document, Firefox's background page). The namespace handed to models/ inference has
 * what it uses: core ops, `io`, `tidy` and `loadLayersModel`.
 */
export function tfOnWasm(assetBase: string): Promise<typeof tfType> {
  ready ??= (async () => {
    tfc.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(assetBase);
    if (!(await tfc.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
    await tfc.ready();
    return { ...tfc, loadLayersModel } as unknown as typeof tfType;
  })();
  return ready;
}
