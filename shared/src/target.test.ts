import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultGuidance,
  GuidanceSubmission,
  NARRATIVE_THEME_IDS,
  nextTargetStatus,
  TARGET_STATUS_IDS,
  TargetOutcomeSubmission,
  TargetQuery,
  TargetResponseSubmission,
  TargetSubmission,
  ThemeGuidance,
  type TargetEvent,
} from './target';

const valid = {
  url: 'https://example.org/post/1',
  excerpt: 'They are all the same, they are taking over.',
  excerptSha256: 'a'.repeat(64),
  theme: 'dehumanisation_us_vs_them',
  group: 'migrants',
  language: 'en',
  platform: 'Example.org',
  reach: { views: 1200 },
  capturedAt: '2026-11-20T10:00:00Z',
};

const pathsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('TargetSubmission', () => {
  it('accepts a target, lower-cases the platform and fills defaults', () => {
    const parsed = TargetSubmission.parse(valid);
    expect(parsed.platform).toBe('example.org');
    expect(parsed.source).toBe('selection');
    expect(TargetSubmission.parse({ ...valid, reach: undefined }).reach).toEqual({});
  });

  it('takes any platform name, host name or not', () => {
    expect(TargetSubmission.parse({ ...valid, platform: '  CityTalk   forum ' }).platform).toBe(
      'citytalk forum',
    );
    expect(TargetSubmission.parse({ ...valid, platform: 'Форум Города' }).platform).toBe(
      'форум города',
    );
  });

  it.each([
    [{ platform: 'a,b' }, 'platform'],
    [{ theme: 'terrorism' }, 'theme'],
    [{ group: 'everyone' }, 'group'],
    [{ language: 'english' }, 'language'],
    [{ url: 'javascript:alert(1)' }, 'url'],
    [{ excerpt: '' }, 'excerpt'],
    [{ excerptSha256: 'xyz' }, 'excerptSha256'],
    [{ reach: { views: -1 } }, 'reach.views'],
    [{ reach: { likes: 3 } }, 'reach'],
    [{ platform: '<b>' }, 'platform'],
    [{ capturedAt: 'yesterday' }, 'capturedAt'],
    [{ extra: 1 }, ''],
  ])('refuses %o naming the field', (patch, path) => {
    expect(pathsOf(TargetSubmission.safeParse({ ...valid, ...patch }))).toContain(path);
  });
});

describe('responses and outcomes', () => {
  it('needs a response kind and a real date', () => {
    const ok = { url: 'https://example.org/answer', kind: 'alternative', date: '2026-11-21' };
    expect(TargetResponseSubmission.parse(ok).kind).toBe('alternative');
    expect(pathsOf(TargetResponseSubmission.safeParse({ ...ok, kind: 'rebuttal' }))).toEqual([
      'kind',
    ]);
    expect(pathsOf(TargetResponseSubmission.safeParse({ ...ok, date: '2026-02-30' }))).toEqual([
      'date',
    ]);
  });

  it('needs at least one figure in an outcome', () => {
    const base = { responseId: '7d1f6a62-4b3e-4f4e-9f0a-2b9c1d6e8a10', measuredOn: '2026-11-21' };
    expect(pathsOf(TargetOutcomeSubmission.safeParse({ ...base, figures: {} }))).toEqual([
      'figures.awareness',
    ]);
    expect(
      pathsOf(
        TargetOutcomeSubmission.safeParse({ ...base, figures: { impact: { notes: 'nice' } } }),
      ),
    ).toEqual(['figures.awareness']);
    const parsed = TargetOutcomeSubmission.parse({
      ...base,
      figures: { impact: { constructiveReplies: 4 } },
    });
    expect(parsed.figures).toEqual({
      awareness: {},
      engagement: {},
      impact: { constructiveReplies: 4 },
    });
    expect(
      pathsOf(
        TargetOutcomeSubmission.safeParse({ ...base, figures: { engagement: { likes: 1.5 } } }),
      ),
    ).toEqual(['figures.engagement.likes']);
  });
});

describe('TargetQuery', () => {
  it('parses comma lists and refuses unknown values naming the filter', () => {
    const q = TargetQuery.parse({
      theme: 'other,gender_based_hostility',
      status: 'open',
      limit: '10',
    });
    expect(q.theme).toEqual(['other', 'gender_based_hostility']);
    expect(q.limit).toBe(10);
    expect(pathsOf(TargetQuery.safeParse({ status: 'open,pending' }))).toEqual(['status.1']);
    expect(pathsOf(TargetQuery.safeParse({ limit: '0' }))).toEqual(['limit']);
    expect(pathsOf(TargetQuery.safeParse({ from: '2026' }))).toEqual(['from']);
  });
});

describe('guidance', () => {
  it('has default do-no-harm guidance for every theme', () => {
    for (const theme of NARRATIVE_THEME_IDS)
      expect(ThemeGuidance.parse(defaultGuidance(theme)).points.length).toBeGreaterThan(0);
    expect(defaultGuidance('dehumanisation_us_vs_them').points.join(' ')).toMatch(
      /we against them/,
    );
  });

  it('refuses empty guidance', () => {
    expect(pathsOf(GuidanceSubmission.safeParse({ points: [] }))).toEqual(['points']);
    expect(pathsOf(GuidanceSubmission.safeParse({ points: ['  '] }))).toEqual(['points.0']);
  });
});

describe('nextTargetStatus', () => {
  it('walks the lifecycle', () => {
    expect(nextTargetStatus('open', 'claim')).toBe('claimed');
    expect(nextTargetStatus('claimed', 'claim')).toBe('claimed');
    expect(nextTargetStatus('claimed', 'respond')).toBe('responded');
    expect(nextTargetStatus('responded', 'record_outcome')).toBe('responded');
    expect(nextTargetStatus('responded', 'close')).toBe('closed');
    expect(nextTargetStatus('open', 'respond')).toEqual({
      refused: 'claim the target before recording a response',
    });
    expect(nextTargetStatus('claimed', 'record_outcome')).toHaveProperty('refused');
  });

  it('lets nothing happen to a closed target and never goes back to open', () => {
    const events: TargetEvent[] = ['claim', 'respond', 'record_outcome', 'close'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 20 }), (sequence) => {
        let status: (typeof TARGET_STATUS_IDS)[number] = 'open';
        for (const event of sequence) {
          const next = nextTargetStatus(status, event);
          if (status === 'closed') expect(next).toHaveProperty('refused');
          if (typeof next === 'string') {
            expect(next).not.toBe('open');
            status = next;
          }
        }
      }),
    );
  });
});
