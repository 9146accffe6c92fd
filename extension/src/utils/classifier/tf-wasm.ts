import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let ready: Promise<typeof tf> | null = null;

/**
 * TensorFlow.js on the wasm backend, single-threaded (no cross-origin isolation in an extension
 * worker), with the .wasm binaries loaded from the extension's own files at `assetBase`.
 */
export function tfOnWasm(assetBase: string): Promise<typeof tf> {
  ready ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(assetBase);
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
    await tf.ready();
    return tf;
  })();
  return ready;
}
