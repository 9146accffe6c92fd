/** Most texts in one `classify` message. */
export const MAX_TEXTS_PER_CLASSIFY = 500;
/** Longest text the content script sends to the model; longer blocks are cut to this. */
export const MAX_CLASSIFIED_CHARS = 2000;
/** Most flags one message may name (a group of near-duplicates on a very long page). */
export const MAX_TEXTS_PER_PAGE = 20_000;
