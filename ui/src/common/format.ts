/** "3 h 20 min", "2 d 4 h": how long ago `since` was, for waiting times. */
export function age(since: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "in 42 min" / "5 min ago": the time left to `deadline`. */
export function countdown(deadline: string, now = Date.now()): string {
  const ms = Date.parse(deadline) - now;
  const text = age(new Date(now - Math.abs(ms)).toISOString(), now);
  return ms >= 0 ? `in ${text}` : `${text} overdue`;
}

/** A timestamp as the reader's local date and time. */
export const when = (timestamp: string) =>
  new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
