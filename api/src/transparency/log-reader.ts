import { LogEntry } from '@counterweight/shared';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes the exact bytes of a log entry (RFC 8785 JSON) into a checked `LogEntry`. */
export function decodeLogEntry(data: Uint8Array): LogEntry {
  return LogEntry.parse(JSON.parse(decoder.decode(data)));
}
