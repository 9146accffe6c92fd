import { createServer } from 'node:net';

function available(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The first free port from `from` on (at most `span` tried, never one in `taken`), so two runs
 * of the suite on one machine do not collide. Stays inside the block the caller owns.
 */
export async function freePort(from: number, taken: Set<number>, span = 100): Promise<number> {
  for (let port = from; port < from + span; port++) {
    if (taken.has(port)) continue;
    if (await available(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${from}-${from + span - 1}`);
}
