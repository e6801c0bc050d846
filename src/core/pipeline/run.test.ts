import { beforeAll, describe, expect, it } from 'vitest';
import { reasonClass } from '../model/reason-class.ts';
import { decodeBase45, encodeBase45 } from '../encoding/base45.ts';
import { encodeCbor } from '../encoding/cbor.ts';
import { encodeCoseSign1 } from '../encoding/cose-sign1.ts';
import { deflateZlib, inflateZlib } from '../encoding/zlib.ts';
import { encodeClaims, encodeCnCode, encodeLayers, packLayers, type CnCodeInput, type EncodedLayers, type SigningKey } from '../../issuer/formats/cn-hc/encode.ts';
import { REASON_CODES, type ReasonCode } from '../model/reasons.ts';
import type { Verdict } from '../model/verdict.ts';
import type { CredentialKind } from '../model/credential.ts';
import { indexBundle, type Trust } from '../trust/trust-index.ts';
import { verifyBundle } from '../trust/verify-bundle.ts';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../../issuer/keys.ts';
import { PROVINCES } from '../../issuer/regions.ts';
import { buildBundle, signBundle, type BundleKeyInput } from '../../issuer/sign-bundle.ts';
import { MAX_INPUT_CHARS, verifyCode } from './run.ts';
import { prng } from '../../../test/support/prng.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2025, 2, 1, 8, 0, 0)); // whole seconds: CWT times are integer seconds
const rel = (ms: number) => new Date(NOW.getTime() + ms);


interface World {
  root: KeyPair;
  gd: KeyPair; // 440000, ES256, all domestic kinds
  sh: KeyPair; // 310000, SM2
  bj: KeyPair; // 110000, ES256, health-status only
  old: KeyPair; // 440000, ES256, validity ended a month ago
  future: KeyPair; // 440000, ES256, valid only from tomorrow
  stranger: KeyPair; // ES256, not in any bundle
  trust: Trust;
}
let w: World;

async function trustFor(root: KeyPair, keys: BundleKeyInput[], expiresAt: Date, issuers = ['440000', '310000', '110000']): Promise<Trust> {
  const bundle = buildBundle({
    version: 42,
    issuedAt: rel(-HOUR),
    expiresAt,
    issuers: issuers.map((id) => ({ id, kind: 'province' as const, names: PROVINCES[id]! })),
    keys,
  });
  // Through the real signed-bundle path, as the app loads it.
  const verified = await verifyBundle(JSON.stringify(await signBundle(bundle, root.privateJwk)), [pinnedRootFrom(root.publicJwk)]);
  if (!verified.ok) throw new Error(`test bundle did not verify: ${verified.reason.code}`);
  return indexBundle(verified.value);
}

const keyEntry = (k: KeyPair, issuer: string, kinds?: CredentialKind[], from = rel(-30 * DAY), until = rel(365 * DAY)): BundleKeyInput => ({
  issuer,
  jwk: k.publicJwk,
  validFrom: from,
  validUntil: until,
  ...(kinds ? { kinds } : {}),
});

beforeAll(async () => {
  const root = await generateKeyPair('ES256', 'root');
  const [gd, sh, bj, old, future, stranger] = await Promise.all([
    generateKeyPair('ES256'),
    generateKeyPair('SM2-SM3'),
    generateKeyPair('ES256'),
    generateKeyPair('ES256'),
    generateKeyPair('ES256'),
    generateKeyPair('ES256'),
  ]);
  const trust = await trustFor(
    root,
    [
      keyEntry(gd, '440000'),
      keyEntry(sh, '310000'),
      keyEntry(bj, '110000', ['health-status']),
      keyEntry(old, '440000', undefined, rel(-60 * DAY), rel(-30 * DAY)),
      keyEntry(future, '440000', undefined, rel(DAY), rel(30 * DAY)),
    ],
    rel(30 * DAY),
  );
  w = { root, gd, sh, bj, old, future, stranger, trust };
});

const signer = (k: KeyPair): SigningKey => ({ alg: k.alg, kid: k.kid, privateJwk: k.privateJwk });
let idCounter = 0;
const input = (over: Partial<CnCodeInput> = {}): CnCodeInput => ({
  issuer: '440000',
  codeId: Uint8Array.from({ length: 16 }, (_, i) => (i * 31 + ++idCounter) & 0xff),
  issuedAt: rel(-10 * MIN),
  expiresAt: rel(24 * HOUR),
  status: 'green',
  holder: { name: '张小三', idTail: '123X', birthDate: '1990-05-17' },
  ...over,
});
const code = async (over: Partial<CnCodeInput> = {}, k: KeyPair = w.gd): Promise<EncodedLayers> => encodeCnCode(input(over), signer(k));
/** CNHC1: text around arbitrary inner bytes, as if they had come out of a COSE encoder. */
const wrapCose = (cose: Uint8Array) => 'CNHC1:' + encodeBase45(deflateZlib(cose));
const wrapZlib = (z: Uint8Array) => 'CNHC1:' + encodeBase45(z);

const codes = (v: Verdict) => v.reasons.map((r) => r.code);

/** Invariants of every verdict: PASS iff no reasons; reasons in REASON_CODES order. */
function checkShape(v: Verdict): void {
  expect(v.outcome === 'PASS').toBe(v.reasons.length === 0);
  const ranks = v.reasons.map((r) => REASON_CODES.indexOf(r.code));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  if (v.outcome === 'PASS') expect(v.signatureVerified).toBe(true);
}

async function run(text: string, trust: Trust | null = w.trust, now = NOW): Promise<Verdict> {
  const v = await verifyCode(text, { trust, now });
  checkShape(v);
  return v;
}

async function expectFail(text: string, first: ReasonCode, opts: { only?: boolean; trust?: Trust | null; now?: Date } = {}): Promise<Verdict> {
  const v = await run(text, opts.trust === undefined ? w.trust : opts.trust, opts.now ?? NOW);
  // A reading reason makes it NOT_READ (scan again), any other a FAIL: reason-class.ts, pinned in its own test.
  expect(v.outcome).toBe(reasonClass(first) === 'not-read' ? 'NOT_READ' : 'FAIL');
  expect(codes(v)[0], JSON.stringify(v.reasons)).toBe(first);
  if (opts.only ?? true) expect(codes(v)).toEqual([first]);
  return v;
}

describe('pipeline: valid codes', () => {
  it('a valid green ES256 code PASSes with empty reasons and a verified signature', async () => {
    const c = await code({ tests: [{ type: 'NAT', result: 'negative', sampledAt: rel(-20 * HOUR) }] });
    const v = await run(c.text);
    expect(v.outcome).toBe('PASS');
    expect(v.reasons).toEqual([]);
    expect(v.signatureVerified).toBe(true);
    expect(v.format).toBe('cn-hc');
    expect(v.credential?.issuer).toEqual({ id: '440000', kind: 'province' });
    expect(v.credential?.keyId).toBe(w.gd.kid);
    expect(v.credential?.holder.name).toBe('张小三');
    expect(v.issuerName).toEqual(PROVINCES['440000']);
    expect(v.trust).toMatchObject({ version: 42, ageSeconds: 3600, expiresAt: rel(30 * DAY).toISOString() });
    expect(v.checkedAt).toBe(NOW.toISOString());
    expect(v.policy.id).toBe('green-or-foreign');
  });

  it('a valid green SM2 code PASSes', async () => {
    const v = await run((await code({ issuer: '310000' }, w.sh)).text);
    expect(v.outcome).toBe('PASS');
    expect(v.signatureVerified).toBe(true);
    expect(v.issuerName).toEqual(PROVINCES['310000']);
  });

  it('tolerates trailing CR/LF and tabs from scanners and clipboards', async () => {
    const { text } = await code();
    for (const t of [text + '\n', text + '\r\n', text + '\r\n\r\n', text + '\t', '\uFEFF' + text, '\r\n' + text]) {
      const v = await run(t);
      expect(v.outcome, JSON.stringify(t.slice(-3))).toBe('PASS');
    }
  });

  it('tries every key sharing a kid (in either bundle order)', async () => {
    // An impostor entry under gd's kid but with another public key, listed before and after the real one.
    const twin = await generateKeyPair('ES256');
    const impostor = { ...twin.publicJwk, kid: w.gd.kid };
    for (const order of ['impostor-first', 'real-first']) {
      const entries = [
        { issuer: '440000', jwk: impostor, validFrom: rel(-DAY), validUntil: rel(DAY) },
        keyEntry(w.gd, '440000'),
      ];
      if (order === 'real-first') entries.reverse();
      const trust = await trustFor(w.root, entries, rel(DAY));
      expect(trust.keysFor('cn-hc', w.gd.kid)).toHaveLength(2);
      const v = await run((await code()).text, trust);
      expect(v.outcome, order).toBe('PASS');
      // A code from the twin key (same kid) verifies as well: both keys are trusted.
      const fromTwin = await encodeCnCode(input(), { alg: 'ES256', kid: w.gd.kid, privateJwk: twin.privateJwk });
      expect((await run(fromTwin.text, trust)).outcome, order).toBe('PASS');
    }
  });

  it('accepts a code issued within the 5-minute clock skew', async () => {
    for (const ahead of [1 * MIN, 4 * MIN + 59_000, 5 * MIN]) {
      const v = await run((await code({ issuedAt: rel(ahead), expiresAt: rel(ahead + HOUR) })).text);
      expect(v.outcome, `issued ${ahead / 1000}s ahead`).toBe('PASS');
    }
  });

  it('accepts a code one second before it expires', async () => {
    const v = await run((await code({ expiresAt: rel(1000) })).text);
    expect(v.outcome).toBe('PASS');
  });
});

describe('pipeline: one failure reason each', () => {
  it('UNSUPPORTED_FORMAT: random text and wrong prefixes', async () => {
    const { text } = await code();
    for (const t of ['hello world', '二维码', 'https://example.org/?code=1', 'CNHC2:' + text.slice(6), 'cnhc1:' + text.slice(6), 'X' + text, ' ' + text])
      await expectFail(t, 'UNSUPPORTED_FORMAT', { only: true });
  });

  it('EMPTY_INPUT: nothing, or only line ends', async () => {
    for (const t of ['', '\n', '\r\n', '\t\r\n']) await expectFail(t, 'EMPTY_INPUT');
  });

  it('INPUT_TOO_LARGE: more characters than any QR code holds', async () => {
    await expectFail('CNHC1:' + 'A'.repeat(MAX_INPUT_CHARS), 'INPUT_TOO_LARGE');
    await expectFail('x'.repeat(1_000_000), 'INPUT_TOO_LARGE');
    // A huge paste with a long run of line ends inside: trimming must stay linear (a backtracking
    // trailing-whitespace regex would spend minutes here before the size check is reached).
    await expectFail('CNHC1:AB' + '\r\n'.repeat(500_000) + 'C', 'INPUT_TOO_LARGE');
    await expectFail('x' + '\n'.repeat(1_000_000) + 'x', 'INPUT_TOO_LARGE');
    // At the limit the input is examined (and here fails for its content instead).
    const atLimit = await run('CNHC1:' + 'A'.repeat(MAX_INPUT_CHARS - 6));
    expect(codes(atLimit)).not.toContain('INPUT_TOO_LARGE');
  });

  it('MALFORMED_BASE45: characters outside the alphabet, dangling character', async () => {
    const { text } = await code();
    await expectFail('CNHC1:bb8', 'MALFORMED_BASE45');
    await expectFail(text.slice(0, 20) + 'a' + text.slice(21), 'MALFORMED_BASE45');
    let dangling = text.length - 6;
    while (dangling % 3 !== 1) dangling--;
    await expectFail(text.slice(0, 6 + dangling), 'MALFORMED_BASE45'); // length ≡ 1 (mod 3)
    await expectFail(text + '\u00e9', 'MALFORMED_BASE45');
    await expectFail('CNHC1:GGW', 'MALFORMED_BASE45');
  });

  it('MALFORMED_COMPRESSION: not zlib, or zlib with a broken checksum', async () => {
    const c = await code();
    await expectFail(wrapZlib(new TextEncoder().encode('this is not a zlib stream')), 'MALFORMED_COMPRESSION');
    await expectFail('CNHC1:', 'MALFORMED_COMPRESSION');
    const z = c.zlib.slice();
    z[z.length - 1]! ^= 0xff;
    await expectFail(wrapZlib(z), 'MALFORMED_COMPRESSION');
    await expectFail(wrapZlib(c.zlib.subarray(0, c.zlib.length - 8)), 'MALFORMED_COMPRESSION');
  });

  it('PAYLOAD_TOO_LARGE: a zip bomb that fits in a QR code', async () => {
    const text = wrapZlib(deflateZlib(new Uint8Array(4 * 1024 * 1024)));
    expect(text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS); // it is a plausible QR payload
    await expectFail(text, 'PAYLOAD_TOO_LARGE');
  });

  it('MALFORMED_CBOR: valid zlib around bytes that are not CBOR', async () => {
    const c = await code();
    await expectFail(wrapCose(c.cose.subarray(0, c.cose.length - 10)), 'MALFORMED_CBOR'); // truncated
    await expectFail(wrapCose(Uint8Array.of(0xff, 0xff)), 'MALFORMED_CBOR');
    await expectFail(wrapCose(Uint8Array.of(0xd3, ...c.cose.subarray(1))), 'MALFORMED_CBOR'); // tag 19
    await expectFail(wrapCose(Uint8Array.of(...c.cose, 0x00)), 'MALFORMED_CBOR'); // trailing byte
  });

  it('MALFORMED_COSE: CBOR that is not a COSE_Sign1', async () => {
    const c = await code();
    await expectFail(wrapCose(encodeCbor([1, 2, 3])), 'MALFORMED_COSE');
    await expectFail(wrapCose(encodeCbor([c.protectedHeader, new Map(), c.claims])), 'MALFORMED_COSE'); // 3 elements
    await expectFail(wrapCose(encodeCbor(['a10126', new Map(), c.claims, c.signature])), 'MALFORMED_COSE');
    // A protected header without alg, and one without kid.
    const noAlg = encodeCbor(new Map<number, unknown>([[4, Uint8Array.of(1, 2, 3)]]));
    await expectFail(wrapCose(encodeCoseSign1(noAlg, c.claims, c.signature)), 'MALFORMED_COSE');
    const noKid = encodeCbor(new Map<number, unknown>([[1, -7]]));
    await expectFail(wrapCose(encodeCoseSign1(noKid, c.claims, c.signature)), 'MALFORMED_COSE');
  });

  it('UNSUPPORTED_ALGORITHM: EdDSA (-8), HS256 (5), ES384 (-35) in the protected header', async () => {
    const claims = encodeClaims(input());
    for (const alg of [-8, 5, -35]) {
      const c = await encodeLayers(claims, signer(w.gd), alg);
      await expectFail(c.text, 'UNSUPPORTED_ALGORITHM');
    }
  });

  it('MALFORMED_CLAIMS: a validly signed code without the required claims', async () => {
    const c = await encodeLayers(encodeCbor(new Map<number, unknown>([[1, '440000']])), signer(w.gd));
    await expectFail(c.text, 'MALFORMED_CLAIMS');
    const arr = await encodeLayers(encodeCbor(['not', 'a', 'map']), signer(w.gd));
    await expectFail(arr.text, 'MALFORMED_CLAIMS');
  });

  it('UNKNOWN_KEY: signed by a key the bundle does not list', async () => {
    const v = await expectFail((await code({}, w.stranger)).text, 'UNKNOWN_KEY');
    expect(v.signatureVerified).toBe(false);
    expect(v.credential).toBeDefined(); // decoded, but not trusted
  });

  it('SIGNATURE_INVALID: one bit of the signature flipped (ES256 and SM2)', async () => {
    for (const [k, issuer] of [[w.gd, '440000'], [w.sh, '310000']] as const) {
      const good = await code({ issuer }, k);
      for (const byte of [0, 31, 32, 63]) {
        const sig = good.signature.slice();
        sig[byte]! ^= 0x01;
        const v = await expectFail(packLayers({ ...good, signature: sig, cose: encodeCoseSign1(good.protectedHeader, good.claims, sig) }).text, 'SIGNATURE_INVALID');
        expect(v.signatureVerified).toBe(false);
      }
    }
  });

  it('SIGNATURE_INVALID: a red code re-labelled green under the original signature', async () => {
    const red = await code({ status: 'red' });
    const greenClaims = encodeClaims(input({ status: 'green' }));
    const forged = packLayers({ ...red, claims: greenClaims, cose: encodeCoseSign1(red.protectedHeader, greenClaims, red.signature) });
    const v = await expectFail(forged.text, 'SIGNATURE_INVALID');
    expect(v.credential?.healthStatus).toBe('green'); // decoded as green, yet never trusted
  });

  it('SIGNATURE_INVALID: an ES256 header on a code whose kid names an SM2 key', async () => {
    // Signed with a real ES256 key, but naming Shanghai's SM2 kid.
    const c = await encodeCnCode(input({ issuer: '310000' }), { alg: 'ES256', kid: w.sh.kid, privateJwk: w.gd.privateJwk });
    await expectFail(c.text, 'SIGNATURE_INVALID');
    // And the converse: an SM2 header naming an ES256 key.
    const d = await encodeCnCode(input(), { alg: 'SM2-SM3', kid: w.gd.kid, privateJwk: w.sh.privateJwk });
    await expectFail(d.text, 'SIGNATURE_INVALID');
  });

  it('KEY_EXPIRED: signed outside the key validity (after it ended, before it began)', async () => {
    await expectFail((await code({}, w.old)).text, 'KEY_EXPIRED');
    await expectFail((await code({}, w.future)).text, 'KEY_EXPIRED');
  });

  it('KEY_USAGE: a key without the test kind signing a code with tests', async () => {
    // Control: the same key may sign a status-only code.
    expect((await run((await code({ issuer: '110000' }, w.bj)).text)).outcome).toBe('PASS');
    const withTest = await code({ issuer: '110000', tests: [{ type: 'NAT', result: 'negative', sampledAt: rel(-HOUR) }] }, w.bj);
    const v = await expectFail(withTest.text, 'KEY_USAGE');
    expect(v.reasons[0]!.detail).toContain('test');
  });

  it('ISSUER_MISMATCH: a Guangdong key signing a code that claims Shanghai', async () => {
    await expectFail((await code({ issuer: '310000' }, w.gd)).text, 'ISSUER_MISMATCH');
  });

  it('TRUST_STALE: the trust bundle has expired (and at its exact expiry)', async () => {
    const text = (await code()).text;
    for (const expiresAt of [rel(-1000), NOW]) {
      const stale = await trustFor(w.root, [keyEntry(w.gd, '440000')], expiresAt);
      await expectFail(text, 'TRUST_STALE', { trust: stale });
    }
  });

  it('CODE_EXPIRED: after exp, including exactly at exp', async () => {
    await expectFail((await code({ issuedAt: rel(-30 * HOUR), expiresAt: rel(-1000) })).text, 'CODE_EXPIRED');
    await expectFail((await code({ expiresAt: NOW })).text, 'CODE_EXPIRED');
  });

  it('NOT_YET_VALID: issued more than 5 minutes ahead of the clock', async () => {
    await expectFail((await code({ issuedAt: rel(5 * MIN + 1000), expiresAt: rel(HOUR) })).text, 'NOT_YET_VALID');
    await expectFail((await code({ issuedAt: rel(2 * HOUR), expiresAt: rel(26 * HOUR) })).text, 'NOT_YET_VALID');
  });

  it('STATUS_RED and STATUS_YELLOW under the green-only policy', async () => {
    await expectFail((await code({ status: 'red' })).text, 'STATUS_RED');
    await expectFail((await code({ status: 'yellow' })).text, 'STATUS_YELLOW');
    await expectFail((await code({ status: 'red', issuer: '310000' }, w.sh)).text, 'STATUS_RED');
  });

  it('NO_TRUST_BUNDLE: a well-formed code with no bundle loaded', async () => {
    const v = await expectFail((await code()).text, 'NO_TRUST_BUNDLE', { trust: null });
    expect(v.trust).toBeNull();
    expect(v.signatureVerified).toBe(false);
  });
});

describe('pipeline: reason order and robustness', () => {
  it('lists reasons in order: CODE_EXPIRED before STATUS_RED', async () => {
    const v = await run((await code({ status: 'red', issuedAt: rel(-30 * HOUR), expiresAt: rel(-6 * HOUR) })).text);
    expect(codes(v)).toEqual(['CODE_EXPIRED', 'STATUS_RED']);
  });

  it('lists trust problems before validity before policy', async () => {
    const stranger = await code({ status: 'yellow', issuedAt: rel(-30 * HOUR), expiresAt: rel(-6 * HOUR) }, w.stranger);
    expect(codes(await run(stranger.text))).toEqual(['UNKNOWN_KEY', 'CODE_EXPIRED', 'STATUS_YELLOW']);
    const mismatch = await code({ issuer: '310000', status: 'red', tests: [{ type: 'RAT', result: 'negative', sampledAt: rel(-HOUR) }] }, w.bj);
    expect(codes(await run(mismatch.text))).toEqual(['KEY_USAGE', 'ISSUER_MISMATCH', 'STATUS_RED']);
    const stale = await trustFor(w.root, [keyEntry(w.old, '440000', undefined, rel(-60 * DAY), rel(-30 * DAY))], rel(-1000));
    const old = await code({ status: 'red', issuedAt: rel(HOUR), expiresAt: rel(2 * HOUR) }, w.old);
    expect(codes(await run(old.text, stale))).toEqual(['KEY_EXPIRED', 'TRUST_STALE', 'NOT_YET_VALID', 'STATUS_RED']);
  });

  it('never throws and never PASSes on text mutations of a valid code (fixed seed)', async () => {
    const good = await code();
    const base = good.text;
    expect((await run(base)).outcome).toBe('PASS');
    const rand = prng(2020);
    const pick = (n: number) => Math.floor(rand() * n);
    const ALPHA = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    const mutants: string[] = [];
    for (let i = 0; i < 150; i++) {
      const p = pick(base.length);
      let ch = ALPHA[pick(ALPHA.length)]!;
      while (ch === base[p]) ch = ALPHA[pick(ALPHA.length)]!;
      mutants.push(base.slice(0, p) + ch + base.slice(p + 1)); // substitute one character
    }
    for (let i = 0; i < 60; i++) {
      const p = pick(base.length);
      mutants.push(base.slice(0, p) + String.fromCharCode(base.charCodeAt(p) ^ (1 << pick(16))) + base.slice(p + 1)); // flip one bit of a character
    }
    for (let i = 0; i < 80; i++) mutants.push(base.slice(0, pick(base.length))); // truncate
    for (let i = 0; i < 30; i++) {
      const p = pick(base.length);
      mutants.push(base.slice(0, p) + base.slice(p + 1 + pick(3))); // delete 1-3 characters
      mutants.push(base.slice(0, p) + ALPHA[pick(ALPHA.length)]! + base.slice(p)); // insert one
    }
    const originalCose = good.cose;
    let passes = 0;
    for (const m of mutants) {
      let v: Verdict | undefined;
      try {
        v = await run(m);
      } catch (e) {
        throw new Error(`verifyCode threw on ${JSON.stringify(m)}: ${String(e)}`);
      }
      expect(codes(v)).not.toContain('INTERNAL_ERROR');
      if (v.outcome === 'PASS') {
        // Only acceptable when the mutation is invisible after decoding (e.g. unused padding bits
        // of the last DEFLATE byte): the signed message must be byte-identical to the original.
        passes++;
        const b = decodeBase45(m.slice(6));
        const inflated = b.ok ? inflateZlib(b.value) : b;
        expect(inflated.ok && Buffer.from(inflated.value).equals(Buffer.from(originalCose)), `PASS on a changed message: ${m}`).toBe(true);
      } else {
        expect(v.reasons.length).toBeGreaterThanOrEqual(1);
      }
    }
    expect(passes).toBeLessThan(mutants.length / 20);
  });

  it('never throws and never PASSes on bit flips inside the COSE message (ES256 and SM2)', async () => {
    const rand = prng(9052);
    for (const [k, issuer, n] of [[w.gd, '440000', 250], [w.sh, '310000', 80]] as const) {
      const good = await code({ issuer, tests: [{ type: 'NAT', result: 'negative', sampledAt: rel(-HOUR) }] }, k);
      const seen = new Set<ReasonCode>();
      for (let i = 0; i < n; i++) {
        const cose = good.cose.slice();
        const p = Math.floor(rand() * cose.length);
        cose[p]! ^= 1 << Math.floor(rand() * 8);
        const v = await run(wrapCose(cose));
        expect(v.outcome, `flip at byte ${p}`).not.toBe('PASS');
        expect(v.reasons.length).toBeGreaterThanOrEqual(1);
        expect(codes(v)).not.toContain('INTERNAL_ERROR');
        seen.add(v.reasons[0]!.code);
      }
      // The flips reached beyond the first layer: the signature check saw most of them.
      expect(seen.has('SIGNATURE_INVALID')).toBe(true);
    }
  });

  it('never throws on arbitrary content that is validly signed (claim bytes mutated, then signed)', async () => {
    const rand = prng(8392);
    const claims = encodeClaims(input({ vaccinations: [{ dose: 1, of: 2, date: '2022-01-01', product: 'X' }] }));
    for (let i = 0; i < 150; i++) {
      const m = claims.slice();
      const flips = 1 + Math.floor(rand() * 3);
      for (let f = 0; f < flips; f++) m[Math.floor(rand() * m.length)]! ^= 1 << Math.floor(rand() * 8);
      const v = await run((await encodeLayers(m, signer(w.gd))).text);
      // Some mutations are harmless (a changed letter in the name): then it may pass; never an internal error.
      expect(codes(v)).not.toContain('INTERNAL_ERROR');
      if (v.outcome === 'PASS') expect(v.credential).toBeDefined();
    }
  });
});

describe('pipeline: the CN format allows one byte form only', () => {
  const sign = async (claims: Uint8Array) => encodeLayers(claims, signer(w.gd));
  const claimMap = (over: (m: Map<number, unknown>) => void) => {
    // Decode the real claims into a Map, tweak it, and let the caller encode it how it likes.
    const m = new Map<number, unknown>([
      [1, '440000'],
      [4, Math.floor(rel(24 * HOUR).getTime() / 1000)],
      [6, Math.floor(rel(-10 * MIN).getTime() / 1000)],
      [7, new Uint8Array(16).fill(9)],
      [-65537, new Map<number, unknown>([[1, 1], [2, 0], [3, new Map([[1, '张小三']])]])],
    ]);
    over(m);
    return m;
  };

  it('a correctly signed code whose claims are not deterministic CBOR fails with MALFORMED_CBOR', async () => {
    // Same claims, keys written in reverse order: strict decoding alone would accept it.
    const canonical = encodeCbor(claimMap(() => {}));
    const reversed = hexConcat('a5', ...[...claimMap(() => {})].reverse().map(([k, v]) => hexOf(encodeCbor(k)) + hexOf(encodeCbor(v))));
    expect(reversed).not.toEqual(canonical);
    expect((await run((await sign(canonical)).text)).outcome).toBe('PASS');
    await expectFail((await sign(reversed)).text, 'MALFORMED_CBOR');
  });

  it('claims that fail to read are the whole verdict, though the signature check had already started', async () => {
    // The envelope opens and its (valid) signature check starts; the claims then fail to read.
    const reversed = hexConcat('a5', ...[...claimMap(() => {})].reverse().map(([k, v]) => hexOf(encodeCbor(k)) + hexOf(encodeCbor(v))));
    const v = await expectFail((await sign(reversed)).text, 'MALFORMED_CBOR');
    expect(v.signatureVerified).toBe(false);
    expect(v.credential).toBeUndefined();
    // And with a signature that would not verify, the same single reason (no SIGNATURE_INVALID).
    const bad = await sign(reversed);
    const cose = inflateZlib((decodeBase45(bad.text.slice('CNHC1:'.length)) as { value: Uint8Array }).value);
    if (!cose.ok) throw new Error('test code did not inflate');
    const flipped = cose.value.slice();
    flipped[flipped.length - 1]! ^= 1;
    const w2 = await expectFail(wrapCose(flipped), 'MALFORMED_CBOR');
    expect(w2.signatureVerified).toBe(false);
  });

  it('an integer time written as a float fails with MALFORMED_CBOR', async () => {
    const exp = Math.floor(rel(24 * HOUR).getTime() / 1000);
    const canonical = hexOf(encodeCbor(claimMap(() => {})));
    const expInt = hexOf(encodeCbor(exp));
    const f64 = new DataView(new ArrayBuffer(8));
    f64.setFloat64(0, exp);
    const expFloat = 'fb' + hexOf(new Uint8Array(f64.buffer));
    expect(canonical.includes('04' + expInt)).toBe(true);
    const withFloat = hexConcat(canonical.replace('04' + expInt, '04' + expFloat));
    await expectFail((await sign(withFloat)).text, 'MALFORMED_CBOR');
  });

  it('untagged COSE, a non-empty unprotected header or extra protected parameters fail with MALFORMED_COSE', async () => {
    const good = await code();
    const untagged = encodeCbor([good.protectedHeader, new Map(), good.claims, good.signature]);
    await expectFail(wrapCose(untagged), 'MALFORMED_COSE');
    const withUnprotected = encodeCbor([good.protectedHeader, new Map([[4, new Uint8Array(8)]]), good.claims, good.signature]);
    await expectFail(wrapCose(hexConcat('d2', hexOf(withUnprotected))), 'MALFORMED_COSE');
    // A validly signed code whose protected header also carries a content type (label 3).
    const extra = encodeCbor(new Map<number, unknown>([[1, -7], [3, 60], [4, Uint8Array.from(decodeKid(w.gd.kid))]]));
    const layers = await encodeLayersWithHeader(good.claims, extra);
    await expectFail(layers, 'MALFORMED_COSE');
  });

  it('a validity longer than 72 hours fails with MALFORMED_CLAIMS; exactly 72 hours passes', async () => {
    // Signed claim bytes: encodeCnCode itself refuses to make such a code.
    await expectFail((await encodeLayers(encodeClaims(input({ issuedAt: rel(-MIN), expiresAt: rel(72 * HOUR - MIN + 1000) })), signer(w.gd))).text, 'MALFORMED_CLAIMS');
    const v = await run((await code({ issuedAt: rel(-MIN), expiresAt: rel(72 * HOUR - MIN) })).text);
    expect(v.outcome).toBe('PASS');
  });

  it('an nbf in the future fails with NOT_YET_VALID; a past nbf passes', async () => {
    const at = (ms: number) => Math.floor(rel(ms).getTime() / 1000);
    const future = encodeCbor(claimMap((m) => m.set(5, at(2 * HOUR))));
    const past = encodeCbor(claimMap((m) => m.set(5, at(-5 * MIN))));
    await expectFail((await sign(future)).text, 'NOT_YET_VALID');
    expect((await run((await sign(past)).text)).outcome).toBe('PASS');
  });
});

const hexOf = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const hexConcat = (...parts: string[]) => Uint8Array.from(parts.join('').match(/../g)!.map((h) => parseInt(h, 16)));
const decodeKid = (kid: string) => Uint8Array.from(atob(kid.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** A code signed by gd over a protected header of the test's choosing. */
async function encodeLayersWithHeader(claims: Uint8Array, protectedHeader: Uint8Array): Promise<string> {
  const { sigStructure } = await import('../encoding/cose-sign1.ts');
  const { sign } = await import('../crypto/verify-signature.ts');
  const signature = await sign('ES256', w.gd.privateJwk, sigStructure(protectedHeader, claims));
  return wrapCose(encodeCoseSign1(protectedHeader, claims, signature));
}
