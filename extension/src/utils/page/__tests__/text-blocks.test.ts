// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { collectTextBlocks, normaliseBlockText } from '../text-blocks';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('collectTextBlocks', () => {
  it('takes paragraphs, list items and posts with their inline text, in document order', async () => {
    document.body.innerHTML = `
      <article><h2>A headline about the city council</h2>
        <p>First paragraph with <b>bold</b> and <a href="#">a link</a> inside it.</p>
        <ul><li>A list item that is long enough to count.</li></ul>
        <div class="comment">A comment posted directly inside a div element.<p>Nested paragraph inside the comment div.</p></div>
      </article>`;
    const blocks = await collectTextBlocks(document.body);
    expect(blocks.map((b) => [b.element.tagName, b.text])).toEqual([
      ['H2', 'A headline about the city council'],
      ['P', 'First paragraph with bold and a link inside it.'],
      ['LI', 'A list item that is long enough to count.'],
      ['DIV', 'A comment posted directly inside a div element.'],
      ['P', 'Nested paragraph inside the comment div.'],
    ]);
  });

  it('leaves out scripts, styles, inputs, editable, hidden and own-UI content and short fragments', async () => {
    document.body.innerHTML = `
      <script>var s = "a script that should never be classified";</script>
      <style>.x { content: "a stylesheet that should never be classified"; }</style>
      <textarea>What the reader is typing into a text area here</textarea>
      <input value="What the reader typed into an input field">
      <div contenteditable="true"><p>An editable paragraph the reader is writing now.</p></div>
      <p hidden>A hidden paragraph that nobody can see at all.</p>
      <div aria-hidden="true"><p>Decorative text hidden from assistive tech.</p></div>
      <p><counterweight-marker>Our own marker text must be skipped</counterweight-marker>Visible paragraph after a marker.</p>
      <p>Too short</p>
      <p>1234567890 1234567890</p>`;
    const blocks = await collectTextBlocks(document.body);
    expect(blocks.map((b) => b.text)).toEqual(['Visible paragraph after a marker.']);
  });

  it('normalises whitespace so equal words give equal texts', () => {
    expect(normaliseBlockText('  a \n\t b  ')).toBe('a b');
  });
});
