import { IDENTITY_TERMS } from './bias';

/**
 * Words that only name a group of people (religion, ethnicity, nationality, sexuality,
 * gender, disability, migration). Evidence made only of these says the model reacted to who is
 * mentioned, not to what is said about them: a symptom, not an explanation.
 */
const GROUP_WORDS = new Set(
  (
    'jew jews jewish judaism muslim muslims islam islamic christian christians christianity ' +
    'catholic catholics hindu hindus sikh sikhs buddhist buddhists black blacks white whites ' +
    'african africans asian asians arab arabs mexican mexicans latino latinos latina hispanic ' +
    'hispanics chinese indian indians immigrant immigrants migrant migrants refugee refugees ' +
    'gay gays lesbian lesbians homosexual homosexuals trans transgender queer lgbt lgbtq ' +
    'women woman girls girl men disabled autistic somali somalis pakistani pakistanis ' +
    'syrian syrians palestinian palestinians israeli israelis roma gypsies native natives ' +
    'people'
  ).split(' '),
);

/** True when every word of the phrase names a group (see GROUP_WORDS and bias.ts terms). */
export function isIdentityPhrase(phrase: string): boolean {
  const words = phrase
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  if (words.length === 0) return false;
  if (words.every((w) => GROUP_WORDS.has(w))) return true;
  const text = words.join(' ');
  return Object.values(IDENTITY_TERMS).some((re) => {
    const m = re.exec(text);
    return m !== null && m[0] === text;
  });
}

/** Share of results with evidence whose evidence is only identity terms. */
export function identityOnlyShare(evidence: string[][]): { n: number; identityOnly: number } {
  const withEvidence = evidence.filter((e) => e.length > 0);
  return {
    n: withEvidence.length,
    identityOnly: withEvidence.filter((e) => e.every(isIdentityPhrase)).length,
  };
}
