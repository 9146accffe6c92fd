/**
 * Content-Security-Policy of the API's own HTML pages (/, /console, /appeal, /transparency):
 * script, style and requests from this server only (images also as `blob:`, the screenshot
 * evidence the console fetches with the token), and Trusted Types required with no policy
 * allowed, so any attempt to assign HTML to `innerHTML` and the like throws instead of parsing
 * markup; whatever a report, the log or a target says is shown as text.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types none',
].join('; ');

/** The headers every page and page asset is sent with: the CSP, no sniffing, no referrer. */
export function securePage(
  c: { header: (name: string, value: string) => void },
  cacheControl: 'no-store' | 'no-cache',
): void {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', cacheControl);
}
