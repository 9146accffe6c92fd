import { EXEMPTIONS, REMOVAL_ACTIONS, TCO_TYPES, ACTIONS } from '@counterweight/shared/taxonomy';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ExcerptText,
  ExemptionChecklist,
  TARGETED_GROUPS,
  TaxonomyOptions,
  TaxonomyRadios,
  EXEMPTION_RULES_OUT_REMOVAL,
  unavailableAction,
} from './index';

const nothing = () => {};
/** The `<input …>` tag of `html` whose value is `value`. */
const inputOf = (html: string, value: string) =>
  html.match(new RegExp(`<input[^>]*value="${value}"[^>]*>`))?.[0] ?? '';

describe('ExcerptText', () => {
  it('renders markup in content as text, in the element asked for', () => {
    const html = renderToStaticMarkup(
      <ExcerptText
        as="dd"
        className="excerpt"
        data-testid="excerpt"
        lang="de"
        text={'<img src=x onerror="alert(1)"> & <script>'}
      />,
    );
    expect(html).toBe(
      '<dd class="excerpt" data-testid="excerpt" lang="de">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;</dd>',
    );
    expect(renderToStaticMarkup(<ExcerptText text="a" />)).toBe('<blockquote>a</blockquote>');
  });
});

describe('TaxonomyRadios', () => {
  it('offers every entry with its definition, or why it is not available', () => {
    const html = renderToStaticMarkup(
      <TaxonomyRadios
        legend="Suggested action"
        name="suggestedAction"
        entries={ACTIONS}
        value="label"
        onChange={nothing}
        disabled={(id) => (REMOVAL_ACTIONS.includes(id) ? 'Not available.' : null)}
        issue="Choose an action."
      />,
    );
    expect(html.match(/type="radio"/g)).toHaveLength(ACTIONS.length);
    expect(html.match(/disabled=""/g)).toHaveLength(REMOVAL_ACTIONS.length);
    expect(inputOf(html, 'label')).toContain('checked=""');
    expect(inputOf(html, 'demote')).not.toContain('checked');
    expect(html).toContain('<fieldset aria-invalid="true">');
    expect(html).toContain('<p class="issues">Choose an action.</p>');
    const first = ACTIONS.find((a) => !REMOVAL_ACTIONS.includes(a.id))!;
    expect(html).toContain(
      `<span id="suggestedAction-${first.id}-hint" class="hint">${first.definition
        .replace(/&/g, '&amp;')
        .replace(/'/g, '&#x27;')
        .replace(/"/g, '&quot;')}</span>`,
    );
  });
});

describe('TaxonomyOptions', () => {
  it('lists the entries by name after the empty choice, definitions only when asked', () => {
    const html = renderToStaticMarkup(
      <select>
        <TaxonomyOptions entries={TCO_TYPES} empty="Choose…" />
      </select>,
    );
    expect(html.startsWith('<select><option value="">Choose…</option>')).toBe(true);
    expect(html.match(/<option/g)).toHaveLength(TCO_TYPES.length + 1);
    expect(html).not.toContain(TCO_TYPES[0]!.definition.slice(0, 20));
    const groups = renderToStaticMarkup(
      <select>
        <TaxonomyOptions entries={TARGETED_GROUPS} />
      </select>,
    );
    expect(groups).toContain('<option value="lgbtq">LGBT+</option>');
    const withDefinitions = renderToStaticMarkup(
      <select>
        <TaxonomyOptions entries={ACTIONS} definitions />
      </select>,
    );
    expect(withDefinitions).toContain(`${ACTIONS[0]!.name}: `);
  });
});

describe('the actions an Art. 1(3) exemption rules out', () => {
  it('disables removal and disabling access in a select, with the reason, only when one applies', () => {
    const options = (exemptionApplies: boolean) =>
      renderToStaticMarkup(
        <select>
          <TaxonomyOptions
            entries={ACTIONS}
            definitions
            disabled={unavailableAction(exemptionApplies)}
          />
        </select>,
      );
    const exempt = options(true);
    expect(exempt.match(/<option/g)).toHaveLength(ACTIONS.length);
    const disabled = [...exempt.matchAll(/<option value="([^"]+)" disabled="">([^<]*)</g)];
    expect(disabled.map((m) => m[1]).sort()).toEqual([...REMOVAL_ACTIONS].sort());
    for (const [, , text] of disabled) expect(text).toContain(EXEMPTION_RULES_OUT_REMOVAL);
    expect(exempt).toContain('<option value="label">');
    expect(options(false)).not.toContain('disabled');
    expect(unavailableAction(true)('remove')).toBe(EXEMPTION_RULES_OUT_REMOVAL);
    expect(unavailableAction(true)('no_action')).toBeNull();
    expect(unavailableAction(false)('remove')).toBeNull();
  });
});

describe('ExemptionChecklist', () => {
  it('ticks the selected purposes and marks only the first box with the given attributes', () => {
    const selected = [EXEMPTIONS[1]!.id];
    const html = renderToStaticMarkup(
      <ExemptionChecklist
        selected={selected}
        onChange={nothing}
        firstInput={{ 'data-field': 'exemption.exemptions' }}
      />,
    );
    expect(html.match(/type="checkbox"/g)).toHaveLength(EXEMPTIONS.length);
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(inputOf(html, EXEMPTIONS[1]!.id)).toContain('checked=""');
    expect(html.match(/data-field="exemption.exemptions"/g)).toHaveLength(1);
    expect(inputOf(html, EXEMPTIONS[0]!.id)).toContain('data-field="exemption.exemptions"');
  });
});
