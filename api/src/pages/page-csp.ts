/**
 * Content-Security-Policy of the API's own HTML pages (/transparency, /cso): script, style and
 * requests from this server only, and Trusted Types required with no policy allowed, so any
 * attempt to assign HTML to `innerHTML` and the like throws instead of parsing markup; whatever
 * the log or a target says is shown as text.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types none',
].join('; ');
