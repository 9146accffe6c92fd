import { Pool } from 'undici';

export interface OpenLoopOptions {
  /**
   * Origin of the server, e.g. `http://127.0.0.1:4150`; with several (instances behind one load
   * balancer), requests go to each in turn and the connections are split between them.
   */
  origin: string | string[];
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Requests per second offered, evenly spaced. */
  rate: number;
  durationS: number;
  /**
   * Seconds at the same rate before the measured ones, not counted: the pool opens its
   * connections and the server settles (default 0).
   */
  warmupS?: number;
  /** Keep-alive connections (one request at a time each); a request finding none free waits. */
  connections: number;
}

export interface OpenLoopResult {
  offered: number;
  sent: number;
  ok: number;
  notOk: number;
  errors: number;
  /** 2xx answers per second of the run. */
  okRate: number;
  /** Milliseconds from when each request was due to when its whole answer had arrived. */
  latency: { p50: number; p90: number; p99: number; p999: number; max: number };
}

/**
 * Offers `rate` requests per second, evenly spaced, for `durationS` seconds (an open loop: request
 * i is due at start + i / rate whatever became of the earlier ones) and measures each latency from
 * when the request was due, so a stalled server shows in the figures instead of slowing the load
 * down (no coordinated omission). This is what autocannon's `overallRate` does not do: it sends each
 * second's quota as fast as the connections allow at the start of the second and then waits, and
 * it corrects for coordinated omission as if requests were due every millisecond
 * (`Math.ceil(1 / rate)` in autocannon 9's lib/run.js), so it measures bursts, not a rate.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const origins = typeof options.origin === 'string' ? [options.origin] : options.origin;
  const pools = origins.map(
    (origin) =>
      new Pool(origin, {
        connections: Math.max(1, Math.round(options.connections / origins.length)),
        pipelining: 1,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      }),
  );
  let turn = 0;
  const warmup = Math.round(options.rate * (options.warmupS ?? 0));
  const total = warmup + Math.round(options.rate * options.durationS);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let notOk = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();

  const fire = (due: number, counted: boolean) => {
    const pool = pools[turn++ % pools.length]!;
    const request = pool
      .request({
        path: options.path,
        method: options.method,
        headers: options.headers,
        body: options.body,
      })
      .then(async ({ statusCode, body }) => {
        await body.dump();
        if (!counted) return;
        latencies.push(performance.now() - due);
        if (statusCode >= 200 && statusCode < 300) ok++;
        else notOk++;
      })
      .catch(() => {
        if (counted) errors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
      for (; sent < due; sent++) fire(start + sent * interval, sent >= warmup);
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  while (inFlight.size > 0) await Promise.all(inFlight);
  await Promise.all(pools.map((pool) => pool.close()));

  latencies.sort((a, b) => a - b);
  const at = (q: number) => {
    const value = latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? NaN;
    return Math.round(value * 10) / 10;
  };
  return {
    offered: options.rate,
    sent: sent - warmup,
    ok,
    notOk,
    errors,
    okRate: ok / options.durationS,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1) },
  };
}
