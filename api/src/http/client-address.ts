import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** `::ffff:192.0.2.1` → `192.0.2.1`; other addresses as they are, lower case. */
function normalise(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/**
 * The client of a request that came through no socket (in-process `app.request`, as tests and
 * benchmarks call the app). Rate limits and the token throttle do not count it.
 */
export const UNKNOWN_CLIENT = 'unknown';

/** The socket's peer address; {@link UNKNOWN_CLIENT} when not served by @hono/node-server. */
export function socketAddress(c: Context): string {
  try {
    return normalise(getConnInfo(c).remote.address ?? UNKNOWN_CLIENT);
  } catch {
    return UNKNOWN_CLIENT;
  }
}

/**
 * The client's address. Proxy headers are believed only from `trustedProxies` (addresses of the
 * load balancers in front of the API): then the client is the rightmost `X-Forwarded-For`
 * address that is not itself a trusted proxy. Anyone else's `X-Forwarded-For` is ignored, so a
 * client cannot choose its own address.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const peer = socketAddress(c);
  if (!trustedProxies.includes(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map(normalise)
    .filter((a) => a.length > 0);
  for (let i = forwarded.length - 1; i >= 0; i--)
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  return peer;
}

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of its IPv6 address
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses would not limit).
 */
export function clientKey(address: string): string {
  if (address === UNKNOWN_CLIENT || !address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
