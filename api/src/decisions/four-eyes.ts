import { ApiError } from '../errors';

/**
 * A person as the API knows them: a token, and the name it was issued to. Two tokens issued to
 * the same name (compared without case or surrounding space) are the same person, so that a
 * second token does not buy a second pair of eyes.
 */
export interface Person {
  tokenId: string;
  name: string | null;
}

/** The parts a person can have played in a case before it is decided (again). */
export interface CaseParties {
  /** Who submitted the report. */
  submitter: Person | null;
  /** Who took the contested decision (appeals only). */
  decider?: Person | null;
  /** The reporter who filed the appeal with their token (appeals only; null for a content provider). */
  appellant?: Person | null;
}

export type CasePart = keyof CaseParties;

const normalName = (name: string | null) => name?.trim().toLowerCase() || null;

/** Whether two tokens are the same person: the same token, or tokens issued to the same name. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.tokenId === b.tokenId) return true;
  const name = normalName(a.name);
  return name !== null && name === normalName(b.name);
}

/**
 * The four-eyes rule, stated once: a decision is taken by someone who took no part in the case.
 * Answers the first part (submitter, then decider, then appellant) that `decider` played, or
 * null when they are a second (or third) pair of eyes.
 */
export function fourEyesConflict(decider: Person, parties: CaseParties): CasePart | null {
  for (const part of ['submitter', 'decider', 'appellant'] as const) {
    const party = parties[part];
    if (party && samePerson(decider, party)) return part;
  }
  return null;
}

const WHAT_YOU_DID: Record<CasePart, string> = {
  submitter: 'you submitted this report',
  decider: 'you decided this report',
  appellant: 'you filed this appeal',
};

/**
 * Throws 403 `four_eyes` when `decider` took part in the case ({@link fourEyesConflict}); every
 * path that decides a report or an appeal calls it before it writes anything.
 */
export function requireFourEyes(
  decider: Person,
  parties: CaseParties,
  deciding: 'report' | 'appeal',
): void {
  const part = fourEyesConflict(decider, parties);
  if (part === null) return;
  throw new ApiError(
    'four_eyes',
    `${WHAT_YOU_DID[part]}; someone who took no part in the case must decide the ${deciding} (four-eyes rule)`,
  );
}
