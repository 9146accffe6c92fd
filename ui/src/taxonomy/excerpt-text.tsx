import type { HTMLAttributes } from 'react';

/**
 * Content that was reported or flagged, always rendered as text (never parsed as markup), in the
 * element the surrounding layout needs: a blockquote in a case, a paragraph on a card, a `dd` in
 * a preview list. Other attributes (class, test id, `lang`) pass through.
 */
export function ExcerptText({
  as: Tag = 'blockquote',
  text,
  ...attributes
}: {
  as?: 'blockquote' | 'p' | 'dd';
  text: string;
} & Omit<HTMLAttributes<HTMLElement>, 'children' | 'dangerouslySetInnerHTML'> & {
    'data-testid'?: string;
  }) {
  return <Tag {...attributes}>{text}</Tag>;
}
