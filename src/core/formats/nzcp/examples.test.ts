/**
 * The NZCP specification's worked examples through the whole pipeline, judged as the spec says
 * (../shared/vectors/nzcp; its issuer trusted by a bundle made from examples/valid/did.json).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyCode } from '../../pipeline/run.ts';
import { readQrFromImageBytes } from '../../../read/image-file.node.ts';
import { EXAMPLE_ISSUER, EXAMPLE_NOW, exampleTrust, NZCP_DIR, nzcpBytes, nzcpFile, nzcpText } from '../../../../test/support/nzcp-examples.ts';

const codes = async (text: string, now = EXAMPLE_NOW) => {
  const v = await verifyCode(text, { trust: exampleTrust(now), now });
  return { outcome: v.outcome, reasons: v.reasons.map((r) => r.code), verdict: v };
};

/** Each invalid example and its verdict, as the spec's text names the failure. */
const INVALID: Record<string, string[]> = {
  'nzcp-modified-payload.txt': ['SIGNATURE_INVALID'],
  'nzcp-modified-sig.txt': ['SIGNATURE_INVALID'],
  'nzcp-expired-payload.txt': ['CODE_EXPIRED'],
  'nzcp-notactive-payload.txt': ['NOT_YET_VALID'],
  'nzcp-not-associated-public-key.txt': ['UNKNOWN_KEY'],
  // Signed by another key under the kid key-1: "unable to validate the digital signature".
  'nzcp-bad-public-key.txt': ['SIGNATURE_INVALID'],
};

describe('NZCP spec examples', () => {
  it('valid/nzcp.txt PASSes under the default policy, read as the example JSON says', async () => {
    const { outcome, reasons, verdict } = await codes(nzcpText('valid/nzcp.txt'));
    expect(reasons).toEqual([]);
    expect(outcome).toBe('PASS');
    const json = JSON.parse(nzcpFile('valid/nzcp.json'));
    const c = verdict.credential!;
    expect(c.issuer).toEqual({ id: json.iss, kind: 'did' });
    expect(c.codeId).toBe(json.jti);
    expect(c.issuedAt).toBe(new Date(json.nbf * 1000).toISOString());
    expect(c.notBefore).toBe(c.issuedAt);
    expect(c.expiresAt).toBe(new Date(json.exp * 1000).toISOString());
    expect(c.holder).toEqual({ name: 'Jack Sparrow', birthDate: '1960-04-16' });
    expect(c.passes).toEqual([{ type: 'PublicCovidPass', validUntil: c.expiresAt }]);
    expect(c.kinds).toEqual(['pass']);
    expect(c.unknown).toBeUndefined();
    expect(Buffer.from(c.keyId, 'base64url').toString()).toBe(`${EXAMPLE_ISSUER}#key-1`);
  });

  it('valid/nzcp.txt still passes at the real date of this work (2026-12-06, before exp 2031-11-02)', async () => {
    expect((await codes(nzcpText('valid/nzcp.txt'), new Date('2026-12-06T12:00:00Z'))).outcome).toBe('PASS');
  });

  it('the example QR picture holds the example text', async () => {
    const r = await readQrFromImageBytes(nzcpBytes('valid/nzcp.png'));
    expect(r.ok && r.value).toBe(nzcpText('valid/nzcp.txt'));
  });

  it('covers every invalid .txt example', () => {
    expect(readdirSync(NZCP_DIR + 'invalid').filter((f) => f.endsWith('.txt')).sort()).toEqual(Object.keys(INVALID).sort());
  });

  it.each(Object.entries(INVALID))('invalid/%s FAILs with %j', async (file, expected) => {
    const { outcome, reasons, verdict } = await codes(nzcpText(`invalid/${file}`));
    expect(outcome).toBe('FAIL');
    expect(reasons).toEqual(expected);
    expect(verdict.format).toBe('nzcp');
  });

  it('the key not associated with the issuer: UNKNOWN_KEY names the absolute key reference it looked for', async () => {
    const { verdict } = await codes(nzcpText('invalid/nzcp-not-associated-public-key.txt'));
    expect(verdict.reasons[0]!.detail).toBe(`no trusted nzcp key with kid ${Buffer.from(`${EXAMPLE_ISSUER}#key-2`).toString('base64url')}`);
    expect(verdict.signatureVerified).toBe(false);
  });

  it('the not-active example became active on 2026-11-02T20:05:31Z: from then on it passes', async () => {
    const nbf = Date.UTC(2026, 10, 2, 20, 5, 31);
    expect((await codes(nzcpText('invalid/nzcp-notactive-payload.txt'), new Date(nbf))).outcome).toBe('PASS');
    expect((await codes(nzcpText('invalid/nzcp-notactive-payload.txt'), new Date('2026-12-06T12:00:00Z'))).outcome).toBe('PASS');
  });

  it('the revoked-key example (a PNG only) is an early pass from another issuer, not trusted: UNKNOWN_KEY', async () => {
    const r = await readQrFromImageBytes(nzcpBytes('invalid/nzcp-revoked-public-key.png'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { outcome, reasons, verdict } = await codes(r.value);
    expect(outcome).toBe('FAIL');
    expect(reasons).toEqual(['UNKNOWN_KEY']);
    expect(verdict.reasons[0]!.detail).toBe('issuer did:web:mattrglobal.github.io:nzcp:qvnnk89kijroeindxa3u is not trusted (no nzcp key in the trust bundle)');
    // Read whole all the same: its cti is wrapped in CBOR tag 64 (a uint8 typed array), read as its bytes.
    expect(verdict.credential!.codeId).toBe('urn:uuid:ebf858ca-eecb-4a24-92fb-0665e6d0f250');
    expect(verdict.credential!.passes).toEqual([{ type: 'PublicCovidPass', validUntil: verdict.credential!.expiresAt }]);
  });
});
