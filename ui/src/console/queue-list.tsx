import type { Report } from '@counterweight/shared/report';
import { POLICY_CATEGORIES, TCO_TYPES } from '@counterweight/shared/taxonomy';
import { age, countdown } from '../common/format';

/** A TCO removal order as `GET /v1/orders?status=open` lists it. */
export interface RemovalOrder {
  id: string;
  reference: string;
  issuingAuthority: string;
  memberState: string;
  receivedAt: string;
  deadline: string;
  status: string;
  contentUrl: string;
}

export interface QueueFilter {
  category: string;
  tcoType: string;
  language: string;
  site: string;
  detectedBy: string;
  minAgeHours: string;
}

export const NO_FILTER: QueueFilter = {
  category: '',
  tcoType: '',
  language: '',
  site: '',
  detectedBy: '',
  minAgeHours: '',
};

/** The query string of a filter (empty fields left out). */
export function filterQuery(filter: QueueFilter): string {
  return Object.entries(filter)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `&${key}=${encodeURIComponent(value)}`)
    .join('');
}

export function QueueFilters({
  filter,
  onChange,
}: {
  filter: QueueFilter;
  onChange: (filter: QueueFilter) => void;
}) {
  const set = (key: keyof QueueFilter) => (value: string) => onChange({ ...filter, [key]: value });
  return (
    <form className="filters" aria-label="Queue filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Category{' '}
        <select value={filter.category} onChange={(e) => set('category')(e.target.value)}>
          <option value="">any</option>
          {POLICY_CATEGORIES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        TCO type{' '}
        <select value={filter.tcoType} onChange={(e) => set('tcoType')(e.target.value)}>
          <option value="">any</option>
          {TCO_TYPES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Language{' '}
        <input
          value={filter.language}
          size={3}
          maxLength={2}
          onChange={(e) => set('language')(e.target.value.toLowerCase())}
        />
      </label>
      <label>
        Site <input value={filter.site} size={14} onChange={(e) => set('site')(e.target.value)} />
      </label>
      <label>
        Detection source{' '}
        <select value={filter.detectedBy} onChange={(e) => set('detectedBy')(e.target.value)}>
          <option value="">any</option>
          <option value="classifier">classifier</option>
          <option value="hash_match">hash match</option>
          <option value="reviewer">reviewer</option>
        </select>
      </label>
      <label>
        Waiting at least (hours){' '}
        <input
          type="number"
          min={0}
          value={filter.minAgeHours}
          size={4}
          onChange={(e) => set('minAgeHours')(e.target.value)}
        />
      </label>
    </form>
  );
}

export function OrdersList({ orders, now }: { orders: RemovalOrder[]; now: number }) {
  if (orders.length === 0) return null;
  return (
    <section aria-labelledby="orders-title" className="orders">
      <h3 id="orders-title">TCO removal orders (one hour to act)</h3>
      <ul>
        {orders.map((order) => (
          <li key={order.id}>
            <strong>{order.reference}</strong> · {order.issuingAuthority} ({order.memberState}) ·{' '}
            <code className="url">{order.contentUrl}</code> ·{' '}
            <span className={Date.parse(order.deadline) < now ? 'badge danger' : 'badge'}>
              {countdown(order.deadline, now)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const categoryName = (id: string) => POLICY_CATEGORIES.find((c) => c.id === id)?.name ?? id;

/** The queue as a table: one row per case, its number first; the selected row is marked. */
export function QueueTable({
  items,
  selected,
  now,
  onOpen,
  onSelect,
}: {
  items: Report[];
  selected: number;
  now: number;
  onOpen: (report: Report) => void;
  onSelect: (index: number) => void;
}) {
  if (items.length === 0) return <p className="hint">Nothing waits. Well done.</p>;
  return (
    <table className="queue" aria-label="Queue">
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Waiting</th>
          <th scope="col">Category</th>
          <th scope="col">Language</th>
          <th scope="col">Site</th>
          <th scope="col">Found by</th>
          <th scope="col">
            <span className="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((report, i) => (
          <tr
            key={report.id}
            aria-selected={i === selected}
            className={i === selected ? 'selected' : undefined}
            onClick={() => onSelect(i)}
          >
            <th scope="row">
              {report.caseNumber}
              {report.assessment.threatToLife && (
                <span className="badge danger">threat to life</span>
              )}
            </th>
            <td>{age(report.receivedAt, now)}</td>
            <td>{categoryName(report.assessment.category)}</td>
            <td>{report.content?.language ?? '—'}</td>
            <td className="site">{report.content?.site ?? '—'}</td>
            <td>{report.detectedBy}</td>
            <td>
              <button type="button" onClick={() => onOpen(report)}>
                Claim and open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
