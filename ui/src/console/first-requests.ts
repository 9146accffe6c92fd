import { api, session } from '../common/api-client';

/** Queue rows fetched at once; more on demand ("Show more"). */
export const QUEUE_PAGE = 100;

/** The requests the console makes first when the tab is signed in already. */
export const FIRST_REQUESTS = ['/v1/me', '/v1/queue/summary', `/v1/queue?limit=${QUEUE_PAGE}`];

/** The started requests by path, each with the token it was sent with. */
const started = new Map<string, { token: string; answer: Promise<unknown> }>();

/**
 * Starts the console's first requests (who the token is, the queue's summary and first page) if
 * the tab holds a token. The page loads this small script ahead of the console's own, so the
 * server answers while the browser still loads and evaluates React and the desks. A token that
 * may not read the queue only wastes a 403.
 */
export function startFirstRequests(): void {
  const token = session.token();
  if (!token) return;
  for (const path of FIRST_REQUESTS) {
    const answer = api(path);
    answer.catch(() => {}); // whoever takes it sees the failure
    started.set(path, { token, answer });
  }
}

/**
 * The answer to `path` if {@link startFirstRequests} started it with the tab's current token and
 * nobody took it yet (each is taken once: a later call asks the server again), else a new request.
 */
export function firstRequest<T>(path: string): Promise<T> {
  const first = started.get(path);
  started.delete(path);
  return first && first.token === session.token() ? (first.answer as Promise<T>) : api<T>(path);
}

startFirstRequests();
