import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { fourEyesConflict, requireFourEyes, samePerson, type Person } from './four-eyes';

const ana: Person = { tokenId: 't-ana', name: 'Ana' };
const anaAgain: Person = { tokenId: 't-ana-2', name: '  ana ' };
const ben: Person = { tokenId: 't-ben', name: 'Ben' };
const cem: Person = { tokenId: 't-cem', name: 'Cem' };
const unnamed: Person = { tokenId: 't-x', name: null };
const unnamed2: Person = { tokenId: 't-y', name: null };

describe('four-eyes rule', () => {
  it('treats tokens issued to the same name as one person, and nameless tokens by token', () => {
    expect(samePerson(ana, anaAgain)).toBe(true);
    expect(samePerson(ana, ben)).toBe(false);
    expect(samePerson(unnamed, unnamed2)).toBe(false);
    expect(samePerson(unnamed, { tokenId: 't-x', name: 'Renamed' })).toBe(true);
    expect(samePerson({ tokenId: 'a', name: ' ' }, { tokenId: 'b', name: '' })).toBe(false);
  });

  it('names the part the decider played: submitter, decider or appellant', () => {
    expect(fourEyesConflict(ana, { submitter: ana })).toBe('submitter');
    expect(fourEyesConflict(anaAgain, { submitter: ana })).toBe('submitter');
    expect(fourEyesConflict(ben, { submitter: ana })).toBeNull();
    expect(fourEyesConflict(ben, { submitter: ana, decider: ben })).toBe('decider');
    expect(fourEyesConflict(cem, { submitter: ana, decider: ben, appellant: cem })).toBe(
      'appellant',
    );
    expect(fourEyesConflict(cem, { submitter: ana, decider: ben, appellant: null })).toBeNull();
    expect(fourEyesConflict(ana, { submitter: ana, decider: ben, appellant: ana })).toBe(
      'submitter',
    );
    expect(fourEyesConflict(ana, { submitter: null })).toBeNull();
  });

  it('refuses with 403 four_eyes naming what the caller did', () => {
    expect(() => requireFourEyes(cem, { submitter: ana, decider: ben }, 'appeal')).not.toThrow();
    try {
      requireFourEyes(ben, { submitter: ana, decider: ben }, 'appeal');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'four_eyes', status: 403 });
      expect((error as ApiError).message).toMatch(/you decided this report.*decide the appeal/);
    }
  });
});
