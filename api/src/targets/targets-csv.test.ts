import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula } from './targets-csv';

/** A minimal RFC 4180 reader for one record, to check that fields survive the round trip. */
function readRecord(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') ((value += '"'), (i += 2));
        else if (line[i] === '"') break;
        else value += line[i++];
      }
      fields.push(value);
      i += 2;
    } else {
      const end = line.indexOf(',', i);
      fields.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return fields;
}

describe('CSV export cells', () => {
  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises the formula %j',
    (value) => {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
      expect(csvField(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('leaves ordinary text alone and quotes separators', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });

  it('never yields a field a spreadsheet reads as a formula, and keeps every other string intact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme-ascii' }), { minLength: 1, maxLength: 6 }),
        (values) => {
          const fields = readRecord(values.map(csvField).join(','));
          expect(fields).toHaveLength(values.length);
          fields.forEach((field, k) => {
            expect(field).not.toMatch(/^[=+\-@\t\r]/);
            expect(field).toBe(neutraliseFormula(values[k] as string));
          });
        },
      ),
    );
  });
});
