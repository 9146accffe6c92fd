import type { AnnexII, AnnexIII } from '@counterweight/shared';
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PAGE_BASE_CSS } from '../pages/page-base';

/** The times are printed in UTC, the zone the authority and the provider can both check. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

const ACTION_TEXT = {
  removed: 'The terrorist content was removed.',
  disabled: 'Access to the terrorist content was disabled in all Member States.',
} as const;

/** One labelled line of the answer. */
function field(label: string, value: ReactNode) {
  return h('div', { key: label }, h('dt', null, label), h('dd', null, value));
}

function OrderSection({ annex }: { annex: AnnexII | AnnexIII }) {
  return h(
    'section',
    { 'aria-labelledby': 'section-a' },
    h('h2', { id: 'section-a' }, 'Section A: the removal order'),
    h(
      'dl',
      null,
      field('Issuing authority', annex.issuingAuthority),
      field('Member State', annex.memberState),
      field('Reference of the removal order', annex.reference),
      field('Issued', utc(annex.issuedAt)),
      field('Received', utc(annex.receivedAt)),
      field('Deadline (one hour after receipt)', utc(annex.deadline)),
      field('Content (exact location)', annex.contentUrl),
    ),
  );
}

function AnswerSection({ annex }: { annex: AnnexII | AnnexIII }) {
  if (annex.annex === 'II')
    return h(
      'section',
      { 'aria-labelledby': 'section-b' },
      h('h2', { id: 'section-b' }, 'Section B: measures taken'),
      h(
        'dl',
        null,
        field('Measure', ACTION_TEXT[annex.action]),
        field('Took effect', utc(annex.effectiveAt)),
        field(
          'Within one hour of receipt',
          annex.withinOneHour ? 'Yes' : 'No: the deadline was missed',
        ),
      ),
    );
  return h(
    'section',
    { 'aria-labelledby': 'section-b' },
    h('h2', { id: 'section-b' }, 'Section B: reasons for not executing the order'),
    h('dl', null, field('Reason', annex.reasonText), field('Explanation', annex.explanation)),
  );
}

function AnnexDocument({ annex }: { annex: AnnexII | AnnexIII }) {
  return h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, `Annex ${annex.annex}: ${annex.reference}`),
      h('link', { rel: 'stylesheet', href: PAGE_BASE_CSS }),
      // No favicon request (the API has none): an empty data: icon, which the CSP allows.
      h('link', { rel: 'icon', href: 'data:,' }),
    ),
    h(
      'body',
      null,
      h(
        'main',
        null,
        h('p', null, `Regulation (EU) 2021/784, Annex ${annex.annex}`),
        h('h1', null, annex.title),
        h(OrderSection, { annex }),
        h(AnswerSection, { annex }),
        h('p', null, `Decided ${utc(annex.decidedAt)}. Order id ${annex.orderId}.`),
      ),
    ),
  );
}

/** The printable page of an Annex II or III answer (React, rendered on the server; no script). */
export function renderAnnexPage(annex: AnnexII | AnnexIII): string {
  return `<!doctype html>${renderToStaticMarkup(h(AnnexDocument, { annex }))}`;
}
