/** The UVCI's canonical form (moved here from trust/revocation/code-id.test.ts with the rule). */
import { describe, expect, it } from 'vitest';
import { canonicalUvci, revocationId } from './revocation-id.ts';

describe('canonicalUvci', () => {
  it('drops the optional URN:UVCI: prefix and the #checksum, and upper-cases the rest', () => {
    const want = '01:AT:10807843F94AEE0EE5093FBC254BD813';
    for (const given of [
      'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B',
      'urn:uvci:01:at:10807843f94aee0ee5093fbc254bd813',
      'Urn:Uvci:01:AT:10807843F94AEE0EE5093FBC254BD813#b',
      '01:AT:10807843F94AEE0EE5093FBC254BD813',
      '  01:at:10807843F94AEE0EE5093FBC254BD813#B  ',
    ])
      expect(canonicalUvci(given)).toBe(want);
  });

  it('keeps issuers\' own shapes, only cased, and uses ASCII case rules only', () => {
    // '#' and '/' are also checksum characters (Luhn mod N over the UVCI alphabet): everything from the first '#' goes.
    expect(canonicalUvci('URN:UVCI:01:FI:AELZ0DC71KA2SJWUETRTAFEL2##')).toBe('01:FI:AELZ0DC71KA2SJWUETRTAFEL2');
    expect(canonicalUvci('URN:UVCI:01:FI:BS5E258GC587BNUV3E9E8E3FV#/')).toBe('01:FI:BS5E258GC587BNUV3E9E8E3FV');
    // Issuers' own shapes stay what they are, only cased: the rule is the same on both sides.
    expect(canonicalUvci('01ES01RC6A212DD2A6140F2A3F0C#A')).toBe('01ES01RC6A212DD2A6140F2A3F0C');
    expect(canonicalUvci('dgci:V1:CY:GRHC8O6ECPWMUM16D3WAXOPN4:89')).toBe('DGCI:V1:CY:GRHC8O6ECPWMUM16D3WAXOPN4:89');
    expect(canonicalUvci('URN:UVCI:01:SG:ABC-CDE-CDE')).toBe('01:SG:ABC-CDE-CDE');
    // ASCII only: no locale rules ('ß' would become 'SS' with toUpperCase).
    expect(canonicalUvci('01:DE:straße')).toBe('01:DE:STRAßE');
  });

  it('is the plug-in\'s canonical form; parse tells when it rewrote the id', () => {
    expect(revocationId.canonical).toBe(canonicalUvci);
    expect(revocationId.parse('01:AT:X')).toEqual({ ok: true, value: { entry: { id: '01:AT:X' }, changed: false } });
    expect(revocationId.parse('URN:UVCI:01:AT:X#B')).toEqual({ ok: true, value: { entry: { id: '01:AT:X' }, changed: true } });
  });
});
