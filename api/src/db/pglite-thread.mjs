// Loads the TypeScript worker (pglite-thread.ts) through tsx inside the worker thread.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-thread.ts');
