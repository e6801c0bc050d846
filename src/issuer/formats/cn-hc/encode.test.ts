import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../keys.ts';
import { encodeCnCode, type CnCodeInput } from './encode.ts';

const now = new Date(Date.UTC(2025, 5, 1, 8));
const input = (over: Partial<CnCodeInput> = {}): CnCodeInput => ({
  issuer: '440000',
  codeId: new Uint8Array(16).fill(9),
  issuedAt: now,
  expiresAt: new Date(now.getTime() + 24 * 3600_000),
  status: 'green',
  holder: { name: '陈一', birthDate: '1999-09-09', idTail: '004X' },
  vaccinations: [{ dose: 2, of: 3, date: '2022-03-01', product: 'CoronaVac' }],
  ...over,
});

describe('encodeCnCode', () => {
  it('hands out a code only when a verifier would read it, naming why not otherwise', async () => {
    const key = await generateKeyPair('ES256');
    await expect(encodeCnCode(input(), key)).resolves.toMatchObject({ text: expect.stringMatching(/^CNHC1:/) });
    const refused: [Partial<CnCodeInput>, RegExp][] = [
      [{ holder: { name: '陈一', birthDate: '2021-02-30' } }, /MALFORMED_CLAIMS.*birth date is not a calendar date/],
      [{ holder: { name: '陈一', idTail: 'abcd' } }, /MALFORMED_CLAIMS.*ID tail/],
      [{ holder: { name: '' } }, /MALFORMED_CLAIMS.*holder name/],
      [{ vaccinations: [{ dose: 3, of: 2, date: '2022-03-01', product: 'CoronaVac' }] }, /MALFORMED_CLAIMS.*dose is above the doses in its series/],
      [{ vaccinations: [{ dose: 1, of: 2, date: '2022-13-01', product: 'CoronaVac' }] }, /MALFORMED_CLAIMS.*vaccination date/],
      [{ expiresAt: new Date(now.getTime() + 100 * 3600_000) }, /MALFORMED_CLAIMS.*validity exceeds 72 h/],
      [{ expiresAt: now }, /MALFORMED_CLAIMS.*exp is not after iat/],
    ];
    for (const [over, why] of refused) await expect(encodeCnCode(input(over), key), JSON.stringify(over)).rejects.toThrow(why);
  });
});
