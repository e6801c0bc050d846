/** NZCP layer by layer: what each broken layer is called, and content we do not recognise (shown, never counted). */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateEs256 } from '../../crypto/webcrypto.ts';
import { publicPart, type EcPrivateJwk } from '../../crypto/jwk.ts';
import { encodeCbor, Tagged } from '../../encoding/cbor.ts';
import { verifyCode } from '../../pipeline/run.ts';
import { indexBundle } from '../../trust/trust-index.ts';
import { BUILTIN_POLICIES } from '../../policy/builtin-policies.ts';
import { base32NoPad, didTrust, exampleBundle, passClaims, signPass } from '../../../../test/support/nzcp-examples.ts';
import { decodeBase32, nzcp } from './index.ts';

const ISS = 'did:web:nzcp.test.invalid';
const NOW = new Date('2025-06-01T00:00:00Z');
const NBF = new Date('2025-05-01T00:00:00Z');
const EXP = new Date('2025-12-01T00:00:00Z');
let key: EcPrivateJwk;
let trust: ReturnType<typeof indexBundle>;

/** The example issuer and ours, in a bundle current at `now`. */
function trustAt(now: Date) {
  const bundle = exampleBundle(now);
  const { issuer, keys } = didTrust({ id: ISS, verificationMethod: [{ id: `${ISS}#key-1`, publicKeyJwk: publicPart(key) }], assertionMethod: [`${ISS}#key-1`] });
  bundle.issuers.push(issuer);
  bundle.keys.push(...keys);
  return indexBundle(bundle);
}

beforeAll(async () => {
  key = await generateEs256();
  trust = trustAt(NOW);
});

const claims = () => passClaims(ISS, NBF, EXP);
const vc = (c: Map<unknown, unknown>) => c.get('vc') as Map<string, unknown>;
const subject = (c: Map<unknown, unknown>) => vc(c).get('credentialSubject') as Map<string, unknown>;
const judge = async (text: string, policy = BUILTIN_POLICIES[0]) => verifyCode(text, { trust, now: NOW, ...(policy ? { policy } : {}) });
const codesOf = async (text: string) => (await judge(text)).reasons.map((r) => r.code);

describe('NZCP: base32 and the prefix', () => {
  it('decodes RFC 4648 test vectors without padding', () => {
    for (const [text, plain] of [['MY', 'f'], ['MZXQ', 'fo'], ['MZXW6', 'foo'], ['MZXW6YQ', 'foob'], ['MZXW6YTB', 'fooba'], ['MZXW6YTBOI', 'foobar']]) {
      const r = decodeBase32(text!);
      expect(r.ok && Buffer.from(r.value).toString()).toBe(plain);
    }
  });

  it('refuses what padding cannot complete, characters outside A–Z 2–7 and leftover bits: MALFORMED_BASE32', () => {
    for (const bad of ['', 'M', 'MZX', 'MZXW6Y', 'mzxw6', 'MZXW1', 'MZXW6===', 'MZ XW', 'MZ', 'MZXR']) {
      const r = decodeBase32(bad);
      expect(!r.ok && r.reason.code, JSON.stringify(bad)).toBe('MALFORMED_BASE32');
    }
  });

  it('a pass whose text is damaged is NOT READ; another major version is a FAIL we cannot judge', async () => {
    const good = await signPass({ claims: claims(), key });
    expect((await judge(good)).outcome).toBe('PASS');
    const v2 = await judge(good.replace('NZCP:/1/', 'NZCP:/2/'));
    expect([v2.outcome, v2.reasons.map((r) => r.code)]).toEqual(['FAIL', ['NZCP_VERSION_UNSUPPORTED']]);
    for (const broken of [good.replace('NZCP:/1/', 'NZCP:/x/'), good.replace('NZCP:/1/', 'NZCP:/1'), `${good}1`, good.toLowerCase().replace('nzcp:/', 'NZCP:/'), good.slice(0, -1)]) {
      const v = await judge(broken);
      expect(v.outcome, broken.slice(0, 12)).toBe('NOT_READ');
    }
    expect(nzcp.detect('NZCP:/1/AB')).toBe(true);
    for (const t of ['nzcp:/1/AB', 'NZCP:1/AB', 'HC1:AB', '']) expect(nzcp.detect(t)).toBe(false);
  });
});

describe('NZCP: the COSE envelope', () => {
  it('kid as a text string (the spec text) and as bytes (its worked example) both resolve to iss#kid', async () => {
    for (const kid of ['key-1', new TextEncoder().encode('key-1')]) {
      const text = await signPass({ claims: claims(), key, header: new Map<number, unknown>([[1, -7], [4, kid]]) });
      expect((await judge(text)).outcome).toBe('PASS');
      const d = nzcp.decode(text);
      expect(d.ok && Buffer.from(d.value.kid, 'base64url').toString()).toBe(`${ISS}#key-1`);
    }
  });

  it('untagged COSE, no alg, kid missing or unprotected or not UTF-8: MALFORMED_COSE; another alg: UNSUPPORTED_ALGORITHM', async () => {
    expect(await codesOf(await signPass({ claims: claims(), key, tagged: false }))).toEqual(['MALFORMED_COSE']);
    expect(await codesOf(await signPass({ claims: claims(), key, header: new Map([[4, 'key-1']]) }))).toEqual(['MALFORMED_COSE']);
    expect(await codesOf(await signPass({ claims: claims(), key, header: new Map([[1, -7]]) }))).toEqual(['MALFORMED_COSE']);
    expect(await codesOf(await signPass({ claims: claims(), key, header: new Map<number, unknown>([[1, -7], [4, Uint8Array.of(0xff, 0xfe)]]) }))).toEqual(['MALFORMED_COSE']);
    expect(await codesOf(await signPass({ claims: claims(), key, header: new Map<number, unknown>([[1, -7], [4, 7]]) }))).toEqual(['MALFORMED_COSE']);
    expect(await codesOf(await signPass({ claims: claims(), key, header: new Map<number, unknown>([[1, -35], [4, 'key-1']]) }))).toEqual(['UNSUPPORTED_ALGORITHM']);
    // kid only in the unprotected header: the spec puts it in the protected one, which the signature covers.
    const withUnprotected = encodeCbor(new Tagged(18, [encodeCbor(new Map([[1, -7]])), new Map([[4, 'key-1']]), encodeCbor(claims()), new Uint8Array(64)]));
    expect(nzcp.decode(`NZCP:/1/${base32NoPad(withUnprotected)}`)).toMatchObject({ ok: false, reason: { code: 'MALFORMED_COSE' } });
  });

  it('bytes that are no CBOR: MALFORMED_CBOR (NOT READ)', async () => {
    const v = await judge(`NZCP:/1/${base32NoPad(Uint8Array.of(0xd2, 0x84, 0x43))}`);
    expect([v.outcome, v.reasons.map((r) => r.code)]).toEqual(['NOT_READ', ['MALFORMED_CBOR']]);
  });
});

describe('NZCP: the claims', () => {
  const broken = async (change: (c: Map<unknown, unknown>) => void) => {
    const c = claims();
    change(c);
    return codesOf(await signPass({ claims: c, key }));
  };

  it('iss, nbf, exp, cti or vc missing or of the wrong type: MALFORMED_CLAIMS', async () => {
    for (const [k, v] of [[1, undefined], [1, 42], [5, undefined], [5, '1746057600'], [5, 1746057600.5], [4, undefined], [4, true], [7, undefined], [7, new Uint8Array(15)], [7, 'urn:uuid:x'], ['vc', undefined], ['vc', 'pass']] as const) {
      const codes = await broken((c) => (v === undefined ? c.delete(k) : c.set(k, v)));
      expect(codes, `${k} = ${String(v)}`).toContain('MALFORMED_CLAIMS');
      expect(codes).not.toContain(undefined);
    }
    expect(await broken((c) => c.set(4, c.get(5)))).toEqual(['MALFORMED_CLAIMS']);
  });

  it('an issuer that is not did:web fails with its own reason, and no key of it is trusted', async () => {
    const v = await judge(await signPass({ claims: passClaims('https://nzcp.test.invalid', NBF, EXP), key }));
    expect(v.reasons.map((r) => r.code)).toEqual(['NZCP_ISSUER_NOT_DID_WEB', 'UNKNOWN_KEY']);
    expect(v.reasons[1]!.detail).toMatch(/^issuer https:\/\/nzcp\.test\.invalid is not trusted/);
  });

  it('an untrusted did:web issuer: UNKNOWN_KEY saying the issuer is not trusted, whatever its kid', async () => {
    const v = await judge(await signPass({ claims: passClaims('did:web:other.invalid', NBF, EXP), key }));
    expect(v.reasons.map((r) => [r.code, r.detail])).toEqual([['UNKNOWN_KEY', 'issuer did:web:other.invalid is not trusted (no nzcp key in the trust bundle)']]);
  });

  it('nbf and exp as the spec says: valid from nbf (within the 5-minute clock allowance) until just before exp', async () => {
    const at = (t: Date) => verifyCode(text, { trust: trustAt(t), now: t });
    const text = await signPass({ claims: claims(), key });
    expect((await at(new Date(EXP.getTime() - 1))).outcome).toBe('PASS');
    expect((await at(EXP)).reasons.map((r) => r.code)).toEqual(['CODE_EXPIRED']);
    expect((await at(NBF)).outcome).toBe('PASS');
    expect((await at(new Date(NBF.getTime() - 5 * 60_000))).outcome).toBe('PASS');
    expect((await at(new Date(NBF.getTime() - 5 * 60_000 - 1))).reasons.map((r) => r.code)).toEqual(['NOT_YET_VALID']);
  });
});

describe('NZCP: content we do not recognise is shown, never counted, never MALFORMED', () => {
  const unknownPass = async (change: (c: Map<unknown, unknown>) => void) => {
    const c = claims();
    change(c);
    const v = await judge(await signPass({ claims: c, key }));
    return { codes: v.reasons.map((r) => r.code), credential: v.credential!, signed: v.signatureVerified };
  };

  it.each([
    ['another pass type', (c: Map<unknown, unknown>) => vc(c).set('type', ['VerifiableCredential', 'MyVaccinePass']), 'vc.type'],
    ['another vc version', (c: Map<unknown, unknown>) => vc(c).set('version', '2.0.0'), 'vc.version'],
    ['an unknown vc member', (c: Map<unknown, unknown>) => vc(c).set('evidence', [1n << 60n]), 'vc.evidence'],
    ['a context not starting with the W3C one', (c: Map<unknown, unknown>) => vc(c).set('@context', ['https://example.org']), 'vc.@context'],
    ['an unknown subject member', (c: Map<unknown, unknown>) => subject(c).set('nhi', Uint8Array.of(1, 2)), 'vc.credentialSubject.nhi'],
    ['a dob that is no date', (c: Map<unknown, unknown>) => subject(c).set('dob', '1960-02-30'), 'vc.credentialSubject.dob'],
    ['an unknown claim', (c: Map<unknown, unknown>) => c.set(6, 1746057600), 'claim 6'],
  ])('%s: verified, listed in unknown, the pass is not understood and the default policy finds no evidence', async (_what, change, field) => {
    const { codes, credential, signed } = await unknownPass(change);
    expect(signed).toBe(true);
    expect(codes).toEqual(['NO_QUALIFYING_EVIDENCE']);
    expect(credential.passes).toEqual([{ type: 'unknown', validUntil: EXP.toISOString() }]);
    expect(credential.unknown?.map((u) => u.field)).toContain(field);
  });

  it('the holder is read from what is there: a missing family name is allowed', async () => {
    const { codes, credential } = await unknownPass((c) => subject(c).delete('familyName'));
    expect(codes).toEqual([]);
    expect(credential.holder).toEqual({ name: 'Jack', birthDate: '1960-04-16' });
  });
});
