/** Sentences for generated pages; every tenth paragraph is written to be flagged. */
const CLEAR = [
  'The city council met on Tuesday to discuss the new cycling lanes along the river.',
  'The museum has extended its opening hours for the summer exhibition on textiles.',
  'Researchers published a study on how migrating birds navigate at night.',
  'The library is running a free coding workshop for teenagers every Thursday.',
  'The weather will be sunny all week according to the regional forecast.',
  'The school choir won second prize at the national competition this year.',
  'The train to the coast was delayed by twenty minutes because of a signal fault.',
  'Tickets for the jazz festival go on sale on Monday morning at the town hall.',
  'Our book club is reading a novel about a lighthouse keeper this month.',
];
// Every generated paragraph starts "Post N: ", and a post number in front costs the model flags
// (models/README.md, known failure modes): these sentences stay flagged behind one.
const FLAGGED = [
  'Muslims are filthy vermin, every last one of them should be driven out of this country.',
  'Join the fighters of the caliphate, take up arms and slaughter the unbelievers wherever you find them.',
];

/** A page of `n` distinct paragraphs (each numbered), ten per cent of them violating. */
export function largePage(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = i % 10 === 9 ? FLAGGED[((i / 10) % 2) | 0]! : CLEAR[i % CLEAR.length]!;
    parts.push(`<p id="p${i}">Post ${i}: ${text}</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Large page ${n}</title></head><body><main>${parts.join('\n')}</main></body></html>`;
}

/** The near-duplicate flagged on {@link groupedPage}: the same sentence behind a post number. */
export const REPEATED = FLAGGED[0]!;
/** The distinct hits of {@link groupedPage}, each on the page once. */
export const DISTINCT_HITS = [
  FLAGGED[1]!,
  'Brothers, the martyrdom operation in the city was glorious; strike the crusaders again and kill them all.',
  'Immigrants are filthy animals, every last one of them deserves to be beaten and thrown out.',
];

/**
 * A long comment page (`n` paragraphs): {@link REPEATED} pasted 205 times with a different
 * post number each time (distinct texts the side panel must collapse into one group), the
 * three {@link DISTINCT_HITS} after the first copies, and ordinary sentences in between.
 */
export function groupedPage(n: number, copies = 205): string {
  const parts: string[] = [];
  const step = Math.max(1, Math.floor(n / (copies + DISTINCT_HITS.length)));
  let copy = 0;
  let hit = 0;
  for (let i = 0; i < n; i++) {
    let text = CLEAR[i % CLEAR.length]!;
    let kind = 'clear';
    if (i % step === step - 1 && hit < DISTINCT_HITS.length && copy >= 2) {
      text = DISTINCT_HITS[hit++]!;
      kind = `hit-${hit}`;
    } else if (i % step === step - 1 && copy < copies) {
      text = `Post ${1000 + copy++}: ${REPEATED}`;
      kind = 'repeated';
    }
    parts.push(`<p id="p${i}" data-kind="${kind}">${text}</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long thread ${n}</title></head><body><main>${parts.join('\n')}</main></body></html>`;
}

/** A name no two paragraphs share ("ab", "ac", … from the index), so each flag is its own group. */
function tag(i: number): string {
  let out = '';
  for (let n = i + 26; n > 0; n = Math.floor(n / 26))
    out = String.fromCharCode(97 + (n % 26)) + out;
  return out;
}

/**
 * A page of `n` paragraphs, every tenth flagged, each flagged one a different text even after
 * numbers are left out (a made-up district name per paragraph): `n / 10` flags in as many
 * groups, the side panel's worst case.
 */
export function distinctFlagsPage(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const text =
      i % 10 === 9
        ? `${FLAGGED[((i / 10) % 2) | 0]!.replace(/\.$/, '')} from ${tag(i)}ville.`
        : CLEAR[i % CLEAR.length]!;
    parts.push(`<p id="p${i}">Post ${i}: ${text}</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Distinct flags ${n}</title></head><body><main>${parts.join('\n')}</main></body></html>`;
}
