/** Revoking CN health codes: a code id is hex, written in any case; ids no code can carry are refused by position. */
import { describe, expect, it } from 'vitest';
import { FORMAT_ID } from '../../../core/formats/cn-hc/constants.ts';
import { revocationHash } from '../../../core/trust/revocation/revocation-hash.ts';
import { hashRevocationIds, RevocationIdError } from '../../revoke.ts';

const key = (h: Uint8Array) => new DataView(h.buffer, h.byteOffset).getBigUint64(0);
async function* slowly(lines: string[]) {
  for (const l of lines) yield l;
}

describe('hashRevocationIds (canonical ids, issue 17 item 4)', () => {
  it('hashes each id in its canonical form, counting the ids written otherwise', async () => {
    const upper = await hashRevocationIds('440000', FORMAT_ID, ['5F1C0A2E9B7D43A1', '', '5f1c0a2e9b7d43a1']);
    expect([upper.requested, upper.normalised, upper.keys.length, upper.timed]).toEqual([2, 1, 2, []]);
    const h = await revocationHash('440000', '5f1c0a2e9b7d43a1');
    expect([...upper.keys.values()]).toEqual([key(h), key(h)]);
  });

  it('refuses ids no code of the format can carry: positions and reasons, never the ids', async () => {
    const err = await hashRevocationIds('440000', FORMAT_ID, slowly(['5f1c0a2e9b7d43a1', '', 'secret-code-1', 'ab', ...Array(6).fill('zz')])).catch((e) => e);
    expect(err).toBeInstanceOf(RevocationIdError);
    expect(err.total).toBe(8);
    expect(err.problems.map((p: { at: number }) => p.at)).toEqual([3, 4, 5, 6, 7]);
    expect(JSON.stringify(err.problems) + err.message).not.toContain('secret');
  });
});
