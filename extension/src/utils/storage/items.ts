import { z } from 'zod';
import { Me } from '../api/me';
import { OutboxEntry } from '../outbox/outbox-entry';
import { typedItem } from './typed-item';

export { Settings, settingsItem } from './settings-item';

export const DEFAULT_API_BASE_URL = 'http://127.0.0.1:8787';

/** Where reports go and who sends them; `me` is what the API said the last time the token was checked. */
export const Connection = z.strictObject({
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  token: z.string(),
  me: Me.nullable(),
  checkedAt: z.string().nullable(),
});
export type Connection = z.infer<typeof Connection>;
export const connectionItem = typedItem('local:connection', Connection, {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  token: '',
  me: null,
  checkedAt: null,
});

/** Dismissed texts per site, as SHA-256 of the text: the same text is not flagged again there. */
export const Dismissals = z.record(z.string(), z.array(z.string().regex(/^[0-9a-f]{64}$/)));
export const dismissalsItem = typedItem('local:dismissals', Dismissals, {});

/** Reviewer feedback on the classifier: confirmed and dismissed flags per label. */
const Counts = z.strictObject({
  hate: z.number().int(),
  extremist: z.number().int(),
  unlabelled: z.number().int(),
});
export const Feedback = z.strictObject({ confirmed: Counts, dismissed: Counts });
export type Feedback = z.infer<typeof Feedback>;
const zero = { hate: 0, extremist: 0, unlabelled: 0 };
export const feedbackItem = typedItem('local:feedback', Feedback, {
  confirmed: zero,
  dismissed: zero,
});

/** Reports (and other submissions) waiting for, or acknowledged by, the API. */
export const outboxItem = typedItem('local:outbox', z.array(OutboxEntry), []);

/** A screenshot kept as evidence for an outbox entry, stored apart from the (small) outbox list. */
export const Screenshot = z.strictObject({
  dataUrl: z.string().startsWith('data:image/'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  capturedAt: z.string(),
});
export const screenshotItem = (key: string) =>
  typedItem(`local:screenshot:${key}`, Screenshot.nullable(), null);
