import { emptyFigures } from '@counterweight/shared/transparency';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RemovalOrders } from './removal-orders';

describe('RemovalOrders', () => {
  it('shows review proceedings and the reinstatements after complaints and after proceedings', () => {
    const f = emptyFigures();
    f.orders.received = 4;
    f.orders.reviewProceedings = {
      filed: 3,
      byBroughtBy: { hosting_service: 1, content_provider: 2 },
      decided: { order_upheld: 0, order_annulled: 2, order_amended: 0 },
      pending: 1,
    };
    f.orders.reinstatementsAfterComplaints = 1;
    f.orders.reinstatementsAfterReviewProceedings = 2;
    f.orders.reinstatements = 3;
    const html = renderToStaticMarkup(<RemovalOrders figures={f} />);
    const row = (term: string, n: number) => `<tr><th scope="row">${term}</th><td>${n}</td></tr>`;
    const table = (id: string) => html.slice(html.indexOf(`id="${id}"`)).split('</table>')[0]!;
    expect(table('orders-answered')).toContain(row('received', 4));
    const review = table('orders-review-proceedings');
    for (const [term, n] of [
      ['filed', 3],
      ['brought by the content provider', 2],
      ['brought by the hosting service', 1],
      ['order annulled', 2],
      ['order upheld', 0],
      ['pending', 1],
    ] as const)
      expect(review).toContain(row(term, n));
    const reinstated = table('orders-reinstatements');
    expect(reinstated).toContain(row('after complaints', 1));
    expect(reinstated).toContain(row('after review proceedings', 2));
    expect(reinstated).toContain(row('in all', 3));
  });
});
