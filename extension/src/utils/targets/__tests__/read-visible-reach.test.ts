// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { postTextAround } from '../read-visible-reach';
import { findVisibleReach } from '../visible-reach';

describe('the post around a marked text', () => {
  it('reads the reach shown in the same post, not in the next one', () => {
    document.body.replaceChildren();
    const feed = document.createElement('ul');
    for (const [text, footer] of [
      ['They are taking over our towns.', '12.4K views · 310 shares'],
      ['Lovely weather in the park today.', '3M views · 90K shares'],
    ] as [string, string][]) {
      const post = document.createElement('li');
      const p = document.createElement('p');
      p.textContent = text;
      const f = document.createElement('footer');
      f.textContent = footer;
      post.append(p, f);
      feed.append(post);
    }
    document.body.append(feed);
    expect(findVisibleReach(postTextAround('  They are taking over our towns. '))).toEqual({
      views: 12_400,
      shares: 310,
    });
    expect(postTextAround('not on this page')).toBe('');
    expect(postTextAround('   ')).toBe('');
  });
});
