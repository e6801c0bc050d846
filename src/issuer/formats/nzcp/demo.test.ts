/** The demo NZCP issuer: its pass PASSes against its own bundle entry, and its DID document names the same key. */
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromUtf8 } from '../../../core/encoding/bytes.ts';
import { verifyCode } from '../../../core/pipeline/run.ts';
import { indexBundle } from '../../../core/trust/trust-index.ts';
import { buildBundle } from '../../sign-bundle.ts';
import { NZCP_DEMO_ISSUER, nzcpDemo } from './demo.node.ts';

describe('NZCP demo contribution', () => {
  it('signs a pass that passes the default policy, from a did:web issuer whose key is named by its DID URL', async () => {
    const now = new Date();
    const c = await nzcpDemo(now);
    const bundle = buildBundle({ version: 1, issuedAt: now, expiresAt: new Date(now.getTime() + 86_400_000), issuers: c.issuers, keys: c.keys });
    expect(bundle.keys).toHaveLength(1);
    const key = bundle.keys[0]!;
    expect(key).toMatchObject({ issuer: NZCP_DEMO_ISSUER, formats: ['nzcp'], kinds: ['pass'], alg: 'ES256' });
    expect(fromUtf8(fromBase64Url(key.kid))).toBe(`${NZCP_DEMO_ISSUER}#key-1`);

    const [{ code, text }] = c.codes as [(typeof c.codes)[0]];
    expect(code).toMatchObject({ name: 'pass-nzcp', expect: 'PASS' });
    const v = await verifyCode(text, { trust: indexBundle(bundle), now });
    expect(v.reasons).toEqual([]);
    expect(v.outcome).toBe('PASS');
    expect(v.credential).toMatchObject({ issuer: { id: NZCP_DEMO_ISSUER, kind: 'did' }, kinds: ['pass'], holder: { name: 'Aroha Specimen', birthDate: '1988-03-21' } });
    expect(v.credential?.passes).toEqual([{ type: 'PublicCovidPass', validUntil: v.credential?.expiresAt }]);

    const did = JSON.parse(c.files!['dids/nzcp.demo.gatecheck.invalid/did.json'] as string);
    expect(did.id).toBe(NZCP_DEMO_ISSUER);
    expect(did.assertionMethod).toEqual([`${NZCP_DEMO_ISSUER}#key-1`]);
    expect(did.verificationMethod[0].publicKeyJwk).toEqual({ kty: 'EC', crv: 'P-256', x: (key.jwk as { x: string }).x, y: (key.jwk as { y: string }).y });
    expect(did.verificationMethod[0].publicKeyJwk.d).toBeUndefined();
  });
});
