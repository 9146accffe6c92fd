import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

let ready: Promise<typeof tf> | null = null;

/**
 * Initialises tfjs on the wasm backend in Node, quietly (tfjs's console banner would corrupt
 * classify's stdout). For training it also registers the one kernel the wasm backend lacks for
 * an embedding's gradient (UnsortedSegmentSum), implemented in plain JS.
 */
export function initWasm(): Promise<typeof tf> {
  ready ??= (async () => {
    const log = console.log;
    const warn = console.warn;
    console.log = (...args: unknown[]) => process.stderr.write(args.join(' ') + '\n');
    console.warn = console.log;
    try {
      registerSegmentSum();
      await tf.setBackend('wasm');
      await tf.ready();
    } finally {
      console.log = log;
      console.warn = warn;
    }
    return tf;
  })();
  return ready;
}

function registerSegmentSum(): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const wasm = backend as unknown as {
        readSync(id: object): Float32Array | Int32Array;
        makeOutput(shape: number[], dtype: string): tf.TensorInfo;
        typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
      };
      const values = wasm.readSync(x.dataId) as Float32Array;
      const ids = wasm.readSync(segmentIds.dataId) as Int32Array;
      const width = x.shape.slice(1).reduce((a, b) => a * b, 1);
      const outShape = [numSegments, ...x.shape.slice(1)];
      const out = wasm.makeOutput(outShape, 'float32');
      const sums = wasm.typedArrayFromHeap(out);
      sums.fill(0);
      for (let row = 0; row < ids.length; row++) {
        const segment = ids[row]!;
        if (segment < 0 || segment >= numSegments) continue;
        const from = row * width;
        const to = segment * width;
        for (let k = 0; k < width; k++) sums[to + k]! += values[from + k]!;
      }
      return out;
    },
  });
}
