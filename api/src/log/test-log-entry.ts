import type { LogEntry } from '@counterweight/shared';

/** A valid `report_received` log entry for tests, made distinct by `n`. */
export function testLogEntry(n: number): LogEntry {
  return {
    v: 1,
    type: 'report_received',
    at: new Date(Date.UTC(2026, 10, 22, 12, 0, n % 60)).toISOString(),
    reportId: null,
    caseNumber: `CW-TEST-${n}`,
    actor: null,
    category: null,
    tcoType: null,
    action: null,
    ground: null,
    exemptionApplied: null,
    exemptions: null,
    automatedDetection: false,
    excerptSha256: null,
    urlSha256: null,
    details: { n },
  };
}
