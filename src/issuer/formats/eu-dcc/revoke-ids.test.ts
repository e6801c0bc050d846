/** Revoking EU DCCs: UVCIs in their canonical form, counted by the country their own block names. */
import { describe, expect, it } from 'vitest';
import { FORMAT_ID } from '../../../core/formats/eu-dcc/constants.ts';
import { revocationHash } from '../../../core/trust/revocation/revocation-hash.ts';
import { hashRevocationIds } from '../../revoke.ts';
import { uvciCountry } from './uvci-country.ts';

const key = (h: Uint8Array) => new DataView(h.buffer, h.byteOffset).getBigUint64(0);

describe('hashRevocationIds (canonical ids, issue 17 item 4)', () => {
  it('hashes each UVCI in its canonical form and counts the countries they name', async () => {
    const dcc = await hashRevocationIds('DE', FORMAT_ID, ['urn:uvci:01:de:abc#7', '01:FR:X']);
    expect([...dcc.keys.values()]).toEqual([key(await revocationHash('DE', '01:DE:ABC')), key(await revocationHash('DE', '01:FR:X'))]);
    expect([...dcc.uvciCountries]).toEqual([['DE', 1], ['FR', 1]]);
  });
});

describe('uvciCountry', () => {
  it('reads the country block with or without its colon, and nothing else', () => {
    expect(uvciCountry('01:DE:ABC')).toBe('DE');
    expect(uvciCountry('01DE/84503/1119349007/DXSGWWLW40SU8ZFKIYIBK39A3#S')).toBe('DE');
    expect(uvciCountry('01:DEU:ABC')).toBeUndefined();
    expect(uvciCountry('02:DE:ABC')).toBeUndefined();
  });
});
