import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The inference and CLI tests load the real artifact on the wasm backend (slow on 2 shared cores).
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
