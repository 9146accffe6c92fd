import { describe, expect, it } from 'vitest';
import { parseSiteList } from '../site-list';

describe('parseSiteList', () => {
  it('reads host names and addresses, one per line, without blanks or repeats', () => {
    expect(
      parseSiteList('Forum.Example.org\n\nhttps://news.example/a/b?c=1\nforum.example.org\n'),
    ).toEqual({
      ok: true,
      sites: ['forum.example.org', 'news.example'],
    });
  });
  it('names the line that is not a site', () => {
    expect(parseSiteList('ok.example\nCityTalk forum')).toEqual({
      ok: false,
      message:
        'Line 2 ("CityTalk forum") is not a site: write a host name such as forum.example.org.',
    });
  });
});
