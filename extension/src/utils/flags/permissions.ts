import type { Me } from '../api/me';

/** What the side panel offers a token, by the role `GET /v1/me` gave it (the API's own rules). */
export interface Permissions {
  /** Confirm a flag, review it and send a report (`POST /v1/reports`: reviewers only). */
  report: boolean;
  /** Mark a flag as a counter-narrative target (`POST /v1/targets`: CSO teams only). */
  markTargets: boolean;
}

const REPORTERS = new Set(['reviewer', 'senior_reviewer']);

/**
 * Reviewers confirm and report, CSO teams mark targets, every other role (auditor, admin) sees
 * the flags only. Before any token is checked the panel offers reporting: reports wait in the
 * outbox until a token is set, and the API still decides.
 */
export function permissionsOf(me: Me | null | undefined): Permissions {
  if (!me) return { report: true, markTargets: false };
  return { report: REPORTERS.has(me.role), markTargets: me.role === 'cso' };
}
