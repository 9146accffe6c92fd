import { createHash } from 'node:crypto';
import { LogEntry } from '@counterweight/shared';
import { Target, TargetSubmission, type TargetSubmissionInput } from '@counterweight/shared/target';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../auth/tokens';
import type { Db } from '../db/db';
import { ApiError } from '../errors';
import { LogSequencer } from '../log/sequence';
import { putGuidance } from './guidance-store';
import { TargetStore, type TargetActor } from './target-store';
import { openTestDb, requirePostgresOrWarn, storesUnderTest } from '../testing/test-db';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function submission(patch: Partial<TargetSubmissionInput> = {}): TargetSubmission {
  const excerpt = patch.excerpt ?? 'They are not like us and never will be.';
  return TargetSubmission.parse({
    url: 'https://social.example/p/1',
    excerptSha256: sha(excerpt),
    theme: 'dehumanisation_us_vs_them',
    group: 'migrants',
    language: 'en',
    platform: 'social.example',
    reach: { views: 100 },
    capturedAt: '2026-11-20T10:00:00.000Z',
    ...patch,
    excerpt,
  });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

requirePostgresOrWarn('TargetStore');

describe.each(storesUnderTest())('TargetStore on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let store: TargetStore;
  let actor: TargetActor;
  let admin: string;
  let clock = new Date('2026-11-22T12:00:00.000Z');

  const logEntries = async () =>
    (await db.query<{ data: Uint8Array }>('SELECT data FROM log_entries ORDER BY idx')).map((r) =>
      LogEntry.parse(JSON.parse(Buffer.from(r.data).toString('utf8'))),
    );
  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

  beforeAll(async () => {
    ({ db, drop } = await openTestDb(kind));
    store = new TargetStore(db, await LogSequencer.open(db), () => clock);
    const cso = await createToken(db, 'cso', 'Amira');
    actor = { tokenId: cso.tokenId, name: cso.name };
    admin = (await createToken(db, 'admin', null)).tokenId;
  }, 60_000);
  afterAll(() => drop());

  it('stores a target, logs only non-personal facts, and replays an idempotent retry', async () => {
    const body = submission({
      excerpt: 'Unique excerpt for the log test',
      url: 'https://social.example/p/secret',
    });
    const first = await store.create(actor, body, 'key-1');
    expect(first.replayed).toBe(false);
    expect(Target.parse(first.target)).toMatchObject({
      status: 'open',
      theme: body.theme,
      reach: { views: 100 },
      claim: null,
    });
    expect(first.target.reference).toMatch(/^T-\d+$/);
    expect(first.target.guidance.points.length).toBeGreaterThan(0);

    const again = await store.create(actor, body, 'key-1');
    expect(again).toEqual({ target: first.target, replayed: true });
    const conflict = await rejection(
      store.create(actor, submission({ excerpt: 'other' }), 'key-1'),
    );
    expect(conflict.code).toBe('conflict');

    const entries = await logEntries();
    expect(entries.filter((e) => e.type === 'target_created')).toHaveLength(1);
    const entry = entries.at(-1)!;
    expect(entry).toMatchObject({
      type: 'target_created',
      actor: null,
      excerptSha256: body.excerptSha256,
      urlSha256: sha('https://social.example/p/secret'),
      details: {
        targetId: first.target.id,
        theme: 'dehumanisation_us_vs_them',
        group: 'migrants',
        language: 'en',
      },
    });
    const raw = JSON.stringify(entries);
    expect(raw).not.toContain('Unique excerpt');
    expect(raw).not.toContain('p/secret');
    expect(raw).not.toContain('Amira');
  });

  it('walks the lifecycle and refuses steps out of order without writing anything', async () => {
    const { target } = await store.create(actor, submission(), null);
    expect(
      (
        await rejection(
          store.respond(target.id, {
            url: 'https://a.example/r',
            kind: 'counter',
            date: '2026-11-21',
          }),
        )
      ).code,
    ).toBe('conflict');
    expect(
      (await rejection(store.claim('00000000-0000-4000-8000-000000000000', actor, undefined))).code,
    ).toBe('not_found');

    clock = new Date('2026-11-22T12:01:00.000Z');
    const claimed = await store.claim(target.id, actor, undefined);
    expect(claimed.claim).toEqual({ assignee: 'Amira', claimedAt: '2026-11-22T12:01:00.000Z' });
    expect((await store.claim(target.id, actor, 'Jonas')).claim?.assignee).toBe('Jonas');

    const responded = await store.respond(target.id, {
      url: 'https://a.example/r',
      kind: 'alternative',
      date: '2026-11-21',
    });
    expect(responded.status).toBe('responded');
    const responseId = responded.responses[0]!.id;

    const unknown = await rejection(
      store.recordOutcome(target.id, {
        responseId: target.id,
        measuredOn: '2026-11-22',
        figures: { awareness: { views: 1 }, engagement: {}, impact: {} },
      }),
    );
    expect(unknown.issues?.[0]?.path).toBe('responseId');
    const measured = await store.recordOutcome(target.id, {
      responseId,
      measuredOn: '2026-11-22',
      figures: {
        awareness: { views: 5400 },
        engagement: { shares: 31 },
        impact: { constructiveReplies: 4 },
      },
    });
    expect(measured.outcomes).toHaveLength(1);
    expect(Target.parse(measured).outcomes[0]?.figures.engagement.shares).toBe(31);

    const logged = (await logEntries()).length;
    const closed = await store.close(target.id, { reason: 'answered' });
    expect(closed.status).toBe('closed');
    expect(closed.closure).toMatchObject({ reason: 'answered' });
    const entries = await logEntries();
    expect(entries).toHaveLength(logged + 1);
    expect(entries.at(-1)).toMatchObject({
      type: 'target_closed',
      details: { targetId: target.id, reason: 'answered', responses: 1 },
    });

    const before = await store.get(target.id);
    expect((await rejection(store.claim(target.id, actor, undefined))).message).toMatch(/closed/);
    expect(await store.get(target.id)).toEqual(before);
  });

  it('filters the board and pages through it without gaps or repeats', async () => {
    const themes = ['conspiracy_against_group', 'recruitment_belonging'] as const;
    for (let i = 0; i < 9; i++)
      await store.create(
        actor,
        submission({
          theme: themes[i % 2],
          group: i < 6 ? 'jews' : 'women',
          language: i % 3 === 0 ? 'de' : 'en',
          capturedAt: new Date(Date.UTC(2026, 9, 1 + i, 8)).toISOString(),
          excerpt: `board ${i}`,
        }),
        null,
      );
    const seen: Target[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({ theme: [...themes], limit: 4, format: 'json', cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((t) => t.excerpt)).toEqual(
      Array.from({ length: 9 }, (_, i) => `board ${8 - i}`),
    );

    const filtered = await store.list({
      group: ['jews'],
      language: ['de'],
      limit: 50,
      format: 'json',
      from: '2026-10-02T00:00:00Z',
      to: '2026-10-07T00:00:00Z',
    });
    expect(filtered.items.map((t) => t.excerpt)).toEqual(['board 3']);
    expect(
      (await store.list({ status: ['closed'], limit: 50, format: 'json' })).items.every(
        (t) => t.status === 'closed',
      ),
    ).toBe(true);
  });

  it('counts aggregates and gives trend observations', async () => {
    const aggregates = await store.aggregates();
    expect(aggregates.total).toBe(await count('targets'));
    expect(aggregates.byGroup.women).toBe(3);
    expect(aggregates.byStatus.closed).toBe(1);
    expect(aggregates.responses).toEqual({ counter: 0, alternative: 1 });
    expect(aggregates.outcomes).toBe(1);
    expect(JSON.stringify(aggregates)).not.toMatch(/board|Amira|social\.example\/p/);
    const october = await store.aggregates({
      from: '2026-10-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
    });
    expect(october.total).toBe(9);

    const obs = await store.observations('2026-10-01T00:00:00Z', '2026-10-03T00:00:00Z');
    expect(obs).toEqual([
      {
        capturedAt: '2026-10-01T08:00:00.000Z',
        theme: 'conspiracy_against_group',
        group: 'jews',
        language: 'de',
      },
      {
        capturedAt: '2026-10-02T08:00:00.000Z',
        theme: 'recruitment_belonging',
        group: 'jews',
        language: 'en',
      },
    ]);
  });

  it('shows an admin edit of the guidance with every target of the theme', async () => {
    await putGuidance(db, 'conspiracy_against_group', ['Lead with the facts.'], admin, clock);
    const page = await store.list({
      theme: ['conspiracy_against_group'],
      limit: 1,
      format: 'json',
    });
    expect(page.items[0]?.guidance).toEqual({
      theme: 'conspiracy_against_group',
      points: ['Lead with the facts.'],
      updatedAt: clock.toISOString(),
    });
  });
});
