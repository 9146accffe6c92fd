import type { Locator, Page } from 'playwright-core';
import type { ApiServer } from './api-server';

/** The flag card in the side panel whose excerpt contains `text`. */
export function flagCard(panel: Page, text: string): Locator {
  return panel.getByRole('list', { name: 'Flags' }).getByRole('listitem').filter({ hasText: text });
}

/** Fills the review form as a reviewer would: terrorist content, no exemption, removal. */
export async function fillTerroristReview(
  panel: Page,
  tcoType = 'Art. 2(7)(a) Incitement, including glorification',
): Promise<void> {
  await panel.getByRole('radio', { name: 'Terrorist content', exact: true }).check();
  await panel.getByRole('radio', { name: tcoType }).check();
  await panel.getByRole('radio', { name: 'No exemption applies' }).check();
  await panel
    .getByLabel('Reasoning on the purpose of the dissemination')
    .fill('Posted to recruit; no news, research or counter-speech purpose.');
  await panel.getByRole('radio', { name: 'Remove', exact: true }).check();
  await panel.getByLabel('Rationale').fill('Calls readers to join an armed group and kill.');
}

/** Confirms the flag with `text`, fills the form, previews and sends; returns the preview JSON. */
export async function reportFlag(panel: Page, text: string): Promise<string> {
  await flagCard(panel, text).getByRole('button', { name: 'Confirm and review' }).click();
  await fillTerroristReview(panel);
  await panel.getByRole('button', { name: 'Preview report' }).click();
  const preview = (await panel.getByTestId('preview-json').textContent()) ?? '';
  await panel.getByRole('button', { name: 'Send report' }).click();
  await panel.getByRole('heading', { name: /Flags on this page/ }).waitFor();
  return preview;
}

/** The outbox card of the report whose excerpt starts with `text`. */
export function outboxCard(panel: Page, text: string): Locator {
  return panel
    .getByRole('list', { name: 'Sent reports' })
    .getByRole('listitem')
    .filter({ hasText: text });
}

/** Reports awaiting a decision in the API whose excerpt contains `text`. */
export async function reportsInApi(
  api: ApiServer,
  token: string,
  text: string,
): Promise<
  { caseNumber: string; content: { excerpt: string; excerptSha256: string; url: string } }[]
> {
  const { status, body } = await api.get('/v1/queue?limit=100', token);
  if (status !== 200) throw new Error(`GET /v1/queue answered ${status}: ${JSON.stringify(body)}`);
  return (
    body as {
      items: {
        caseNumber: string;
        content: { excerpt: string; excerptSha256: string; url: string };
      }[];
    }
  ).items.filter((r) => r.content.excerpt.includes(text));
}
