/** A host name as the exclusion list takes it (what the popup's per-site switch stores). */
const HOST = /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export type SiteListResult = { ok: true; sites: string[] } | { ok: false; message: string };

/**
 * The options' list of sites not scanned, one per line, read into host names: a pasted address
 * (`https://www.example.org/path`) keeps its host; blank lines and repeats go. A line that is no
 * host name is named in the message.
 */
export function parseSiteList(text: string): SiteListResult {
  const sites: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim().toLowerCase();
    if (!line) continue;
    let host = line;
    if (/^[a-z]+:\/\//.test(line)) {
      try {
        host = new URL(line).hostname;
      } catch {
        host = '';
      }
    }
    if (!HOST.test(host))
      return {
        ok: false,
        message: `Line ${i + 1} ("${raw.trim()}") is not a site: write a host name such as forum.example.org.`,
      };
    if (!sites.includes(host)) sites.push(host);
  }
  return { ok: true, sites };
}
