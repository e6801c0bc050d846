import { describe, expect, it } from 'vitest';
import { CANONICAL_FORMATS, canonicalCodeId, lookupIds, parseRevocationId } from './code-id.ts';

const entry = (format: string, id: string) => {
  const r = parseRevocationId(format, id);
  if (!r.ok) throw new Error(r.reason.detail);
  return r.value.entry;
};
const why = (format: string, id: string) => {
  const r = parseRevocationId(format, id);
  if (r.ok) throw new Error(`${id} was accepted`);
  expect(r.reason.code).toBe('REVOCATION_ID_INVALID');
  return r.reason.detail;
};

describe('canonical code ids (docs/revocation.md)', () => {
  it('cn-hc: lower-case hex of 8..32 bytes', () => {
    expect(entry('cn-hc', '5F1C0A2E9B7D43A18E6F20C4D1B3A795')).toEqual({ id: '5f1c0a2e9b7d43a18e6f20c4d1b3a795' });
    expect(entry('cn-hc', ' 0123456789abcdef ')).toEqual({ id: '0123456789abcdef' });
    expect(canonicalCodeId('cn-hc', '5f1c0a2e9b7d43a1')).toBe('5f1c0a2e9b7d43a1');
    for (const bad of ['secret-code-1', 'abcd', '0123456789abcde', 'ab'.repeat(33), '0x0123456789abcdef', '01234567 89abcdef']) expect(why('cn-hc', bad)).toMatch(/hex/);
  });

  it('eu-dcc: the UVCI without its optional URN:UVCI: prefix and #checksum, in upper case', () => {
    const want = '01:AT:10807843F94AEE0EE5093FBC254BD813';
    for (const given of [
      'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B',
      'urn:uvci:01:at:10807843f94aee0ee5093fbc254bd813',
      'Urn:Uvci:01:AT:10807843F94AEE0EE5093FBC254BD813#b',
      '01:AT:10807843F94AEE0EE5093FBC254BD813',
      '  01:at:10807843F94AEE0EE5093FBC254BD813#B  ',
    ]) {
      expect(canonicalCodeId('eu-dcc', given)).toBe(want);
      expect(entry('eu-dcc', given)).toEqual({ id: want });
    }
    // More of the UVCI rule: src/core/formats/eu-dcc/revocation-id.test.ts.
    for (const bad of ['URN:UVCI:', '#B', 'urn:uvci:#1', '   ']) expect(why('eu-dcc', bad)).toBeTruthy();
    expect(why('eu-dcc', '01:DE:A\u0000B')).toMatch(/control/);
  });

  it('shc: the rid exactly (base64url is case-sensitive), optionally .TIMESTAMP', () => {
    expect(entry('shc', 'MKyCxh7p6uQ')).toEqual({ id: 'MKyCxh7p6uQ' });
    expect(entry('shc', 'vwAjHdarZuc.1687450765')).toEqual({ id: 'vwAjHdarZuc', before: 1687450765 });
    expect(canonicalCodeId('shc', 'MKyCxh7p6uQ')).toBe('MKyCxh7p6uQ');
    for (const bad of ['rid+slash/', 'x'.repeat(25), 'abc.', 'abc.12x', 'abc.0', 'abc.1.2', '.1687450765', 'abc=']) expect(why('shc', bad)).toBeTruthy();
  });

  it('vds-nc and formats without a rule: exactly as written', () => {
    expect(entry('vds-nc', 'VB0009990012')).toEqual({ id: 'VB0009990012' });
    expect(canonicalCodeId('vds-nc', 'vb0009990012')).toBe('vb0009990012');
    expect(canonicalCodeId('other', 'A b')).toBe('A b');
    expect(entry('other', ' A b ')).toEqual({ id: 'A b' });
  });

  it('every registered format declares its id rules (dispatched through the format registry)', () => {
    expect([...CANONICAL_FORMATS].sort()).toEqual(['cn-hc', 'eu-dcc', 'nzcp', 'shc', 'vds-nc']);
  });

  it('a gate looks up the canonical id, and the id as written when that differs (sets built before canonical forms)', () => {
    expect(lookupIds('eu-dcc', 'URN:UVCI:01:AT:X#B')).toEqual(['01:AT:X', 'URN:UVCI:01:AT:X#B']);
    expect(lookupIds('eu-dcc', '01:AT:X')).toEqual(['01:AT:X']);
    expect(lookupIds('eu-dcc', '#B')).toEqual(['#B']);
    expect(lookupIds('cn-hc', '5f1c0a2e9b7d43a1')).toEqual(['5f1c0a2e9b7d43a1']);
    expect(lookupIds('shc', 'MKyCxh7p6uQ')).toEqual(['MKyCxh7p6uQ']);
  });
});
