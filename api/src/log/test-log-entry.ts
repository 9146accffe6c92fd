import { logEntry, type LogEntry } from '@counterweight/shared';

/** A valid `report_received` log entry for tests, made distinct by `n`. */
export function testLogEntry(n: number): LogEntry {
  return logEntry(
    'report_received',
    new Date(Date.UTC(2026, 10, 22, 12, 0, n % 60)).toISOString(),
    {
      caseNumber: `CW-TEST-${n}`,
      automatedDetection: false,
      details: { n },
    },
  );
}
