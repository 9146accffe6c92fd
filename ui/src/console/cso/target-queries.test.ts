import { TargetOutcomeSubmission } from '@counterweight/shared/target';
import { TrendsQuery } from '@counterweight/shared/trends';
import { describe, expect, it } from 'vitest';
import {
  boardQuery,
  DEFAULT_TREND_CONTROLS,
  filtersFromQuery,
  figuresText,
  NO_FILTERS,
  outcomeFigures,
  periodName,
  seriesName,
  trendsQuery,
} from './target-queries';

/** The query's parameters as an object (the tsconfig's DOM types lack the iterables). */
function paramsOf(query: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  query.forEach((value, name) => (params[name] = value));
  return params;
}

describe('boardQuery', () => {
  it('sends only the filters set, and includes the last day of the range', () => {
    expect(boardQuery(NO_FILTERS).toString()).toBe('');
    const query = boardQuery({
      ...NO_FILTERS,
      group: 'women',
      language: ' fr ',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(paramsOf(query)).toEqual({
      group: 'women',
      language: 'fr',
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });
});

describe('filtersFromQuery', () => {
  it('reads the board filters a link names, and ignores anything else', () => {
    expect(filtersFromQuery('?group=women&status=open&token=x')).toEqual({
      ...NO_FILTERS,
      group: 'women',
      status: 'open',
    });
    expect(filtersFromQuery('')).toEqual(NO_FILTERS);
  });
});

describe('trendsQuery', () => {
  it('asks for weekly counts by all three dimensions with a minimum of 5 by default', () => {
    expect(paramsOf(trendsQuery(DEFAULT_TREND_CONTROLS))).toEqual({
      interval: 'week',
      by: 'theme,group,language',
      minCount: '5',
    });
  });

  it('carries the range, the interval, the dimensions and the minimum, as the API reads them', () => {
    const query = trendsQuery({
      from: '2026-01-01',
      to: '2026-06-30',
      interval: 'month',
      by: ['group'],
      minCount: 3,
    });
    expect(TrendsQuery.parse(paramsOf(query))).toEqual({
      from: '2026-01-01T00:00:00Z',
      to: '2026-06-30T23:59:59Z',
      interval: 'month',
      by: ['group'],
      minCount: 3,
    });
    // no dimension ticked: all three, not an empty list the API would refuse
    expect(trendsQuery({ ...DEFAULT_TREND_CONTROLS, by: [] }).get('by')).toBe(
      'theme,group,language',
    );
  });
});

describe('names', () => {
  it('names a series by its dimensions, "all" for those not grouped by', () => {
    expect(seriesName({ theme: 'conspiracy_against_group', group: 'jews', language: 'de' })).toBe(
      'Conspiracy theory targeting a group × Jews × de',
    );
    expect(seriesName({ theme: null, group: 'lgbtq', language: null })).toBe(
      'all × LGBT+ × all languages',
    );
  });

  it('names a period by the interval', () => {
    expect(periodName('week', '2026-11-02')).toBe('Week of 2026-11-02');
    expect(periodName('day', '2026-11-03')).toBe('Day 2026-11-03');
    expect(periodName('month', '2026-11-01')).toBe('Month 2026-11');
  });
});

describe('outcomeFigures', () => {
  it('keeps the figures entered, as numbers, in their groups', () => {
    const figures = outcomeFigures({
      views: '1200',
      reach: '',
      likes: '0',
      shares: ' ',
      comments: '',
      constructiveReplies: '7',
    });
    expect(figures).toEqual({
      awareness: { views: 1200 },
      engagement: { likes: 0 },
      impact: { constructiveReplies: 7 },
    });
    const body = TargetOutcomeSubmission.parse({
      responseId: '018f3a2b-7c4d-7e5f-8a9b-0c1d2e3f4a5b',
      measuredOn: '2026-11-30',
      figures,
    });
    expect(figuresText(body.figures)).toBe('views 1200, likes 0, constructiveReplies 7');
  });

  it('with no figure, the API’s schema refuses the outcome', () => {
    const empty = outcomeFigures({
      views: '',
      reach: '',
      likes: '',
      shares: '',
      comments: '',
      constructiveReplies: '',
    });
    expect(
      TargetOutcomeSubmission.safeParse({
        responseId: '018f3a2b-7c4d-7e5f-8a9b-0c1d2e3f4a5b',
        measuredOn: '2026-11-30',
        figures: empty,
      }).success,
    ).toBe(false);
  });
});
