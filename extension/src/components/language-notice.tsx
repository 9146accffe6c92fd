import { languageNotice, type PageLanguages } from '@/utils/page/language-shares';

/**
 * Says plainly which blocks of the page the model did not check because it does not read their
 * language (they carry no marker); nothing when it read them all.
 */
export function LanguageNotice({ languages }: { languages: PageLanguages | undefined }) {
  const text = languages ? languageNotice(languages) : null;
  return text ? (
    <p role="note" className="language-notice">
      {text}
    </p>
  ) : null;
}
