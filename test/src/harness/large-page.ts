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
const FLAGGED = [
  'Muslims are vermin and they should all be driven out of this country by force.',
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
