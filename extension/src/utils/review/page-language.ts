/** `<html lang>` as an ISO 639-1 code (`en-GB` → `en`), or null when the page declares none. */
export function pageLanguage(lang: string | null | undefined): string | null {
  const code = lang?.trim().slice(0, 2).toLowerCase();
  return code && /^[a-z]{2}$/.test(code) ? code : null;
}
