/**
 * vds-nc: seeds are fresh test and vaccination seals of two trusted states' barcode signers (each
 * state's CSCA in the bundle), valid at NOW. Untrusted signers: a state the bundle does not know,
 * a rogue CA's certificate naming a trusted state, and an expired signer of a trusted CSCA.
 */
import { FORMAT_ID } from '../../../../src/core/formats/vds-nc/constants.ts';
import { decode } from '../../../../src/core/formats/vds-nc/decode.ts';
import type { JsonObject } from '../../../../src/core/formats/vds-nc/index.ts';
import { signSeal, type SealSigner } from '../../../../src/issuer/formats/vds-nc/encode.ts';
import { verifyCode } from '../../../../src/core/pipeline/run.ts';
import { indexBundle } from '../../../../src/core/trust/trust-index.ts';
import { buildBundle } from '../../../../src/issuer/sign-bundle.ts';
import { makeSealIssuer, sealTrustKey, type SealIssuer } from '../../../../src/issuer/formats/vds-nc/issue.ts';
import { makeCertificate, type CertRequest } from '../../../../src/issuer/make-certificate.ts';
import { generateKeyPair } from '../../../../src/issuer/keys.ts';
import { KeyUsageFlags } from '@peculiar/asn1-x509';
import { Genuine, type FormatFuzzer } from '../../harness.ts';
import type { JsonObj } from '../../mutators/json.ts';
import { sealMutators, type SealSeed } from './mutators.ts';
import { textMutators } from '../../mutators/text.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const NOW = new Date(Date.UTC(2026, 2, 1, 12, 0, 0));
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const testData = (is: string, n: number): JsonObject => ({
  hdr: { t: 'icao.test', v: 1, is },
  msg: {
    utci: `U0193${n}`,
    pid: { n: n ? 'WANG  WU' : 'COOK  GERALD', dob: '1990-01-29', dt: 'P', dn: 'E1234567P' },
    sp: { spn: 'General Hospital', ctr: is, cd: { p: '+00068765432' } },
    dat: { sc: iso(-6 * HOUR), ri: iso(-2 * HOUR) },
    tr: { tc: n ? 'antigen' : 'molecular(PCR)', r: n ? 'normal' : 'negative', m: 'nasopharyngeal' },
  },
});
const vaccData = (is: string, n: number): JsonObject => ({
  hdr: { t: 'icao.vacc', v: 1, is },
  msg: {
    uvci: `U3287${n}`,
    pid: { n: 'Smith Bill', dob: '1990-01-02', i: 'A1234567Z' },
    ve: [{ des: 'XM68M6', nam: 'Comirnaty', dis: 'RA01.0', vd: [{ dvc: '2026-01-03', seq: 1, ctr: is, lot: 'VC35679' }, { dvc: '2026-01-24', seq: 2, ctr: is, lot: 'VC87540' }] }],
  },
});

const cscaSigner = (i: SealIssuer): SealSigner => ({ alg: 'ES256', privateJwk: i.csca.keys.privateJwk, certificate: i.csca.der });

/** Certificates the state's CSCA issues that may not sign seals (a sub-CA, wrong keyUsage, another EKU). */
async function unfitSigners(i: SealIssuer): Promise<SealSigner[]> {
  const out: SealSigner[] = [];
  const kinds: Partial<CertRequest>[] = [
    { ca: true, keyUsage: KeyUsageFlags.keyCertSign },
    { ca: true },
    { basicConstraintsCa: true, extKeyUsage: ['2.23.136.1.1.14.2'] },
    { keyUsage: KeyUsageFlags.keyEncipherment },
    { keyUsage: KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign },
    { extKeyUsage: ['2.23.136.1.1.14.1'] },
    { extKeyUsage: ['1.3.6.1.4.1.1847.2021.1.1'] },
  ];
  for (const [n, over] of kinds.entries()) {
    const keys = await generateKeyPair('ES256');
    const der = await makeCertificate(
      { subject: { country: i.country, commonName: `unfit ${n}` }, publicJwk: keys.publicJwk, notBefore: new Date(NOW.getTime() - 30 * DAY), notAfter: new Date(NOW.getTime() + 365 * DAY), serial: 100 + n, ...over },
      { subject: i.csca.subject, privateJwk: i.csca.keys.privateJwk, publicJwk: i.csca.keys.publicJwk },
    );
    out.push({ alg: 'ES256', privateJwk: keys.privateJwk, certificate: der });
  }
  return out;
}

export const vdsNcFuzzer: FormatFuzzer<SealSeed> = {
  id: FORMAT_ID,
  async setup() {
    const states: [SealIssuer, string][] = [
      [await makeSealIssuer({ country: 'UT', now: NOW }), 'UTO'],
      [await makeSealIssuer({ country: 'NZ', now: NOW }), 'NZL'],
    ];
    const stranger = await makeSealIssuer({ country: 'FR', now: NOW });
    const bundle = buildBundle({
      version: 1,
      issuedAt: new Date(NOW.getTime() - HOUR),
      expiresAt: new Date(NOW.getTime() + 30 * DAY),
      issuers: states.map(([i]) => ({ id: i.country, kind: 'country' as const, names: { 'zh-CN': i.country, en: i.country } })),
      keys: await Promise.all(states.map(([i]) => sealTrustKey(i.country, i.csca.der, 'ca'))),
    });
    const ctx = { trust: indexBundle(bundle), now: NOW };
    const genuine = new Genuine();
    const seeds: SealSeed[] = [];
    for (const [k, [state, is]] of states.entries()) {
      const [other, otherIs] = states[1 - k]!;
      const untrusted = [
        stranger.signer,
        (await makeSealIssuer({ country: state.country, now: NOW, issuedBy: stranger.csca })).signer, // rogue CA naming this state
        (await makeSealIssuer({ country: state.country, now: NOW, issuedBy: state.csca, bscFrom: new Date(NOW.getTime() - 400 * DAY), bscUntil: new Date(NOW.getTime() - DAY) })).signer, // expired
      ];
      const unfit = await unfitSigners(state);
      for (const data of [testData(is, 0), testData(is, 1), vaccData(is, 0)]) {
        const text = await signSeal(data, state.signer);
        const verdict = await verifyCode(text, ctx);
        if (verdict.outcome !== 'PASS') throw new Error(`vds-nc seed ${is} ${String(data.hdr && (data.hdr as JsonObj).t)} does not pass: ${verdict.reasons.map((r) => r.code).join(',')}`);
        const decoded = decode(text);
        if (!decoded.ok) throw new Error('vds-nc seed does not decode');
        const credentialJson = JSON.stringify(verdict.credential);
        genuine.add(decoded.value.signedBytes, credentialJson);
        const parsed = JSON.parse(text) as { data: JsonObj; sig: SealSeed['sig'] };
        seeds.push({
          text,
          prefix: '',
          ctx,
          data: parsed.data,
          sig: parsed.sig,
          signer: state.signer,
          csca: { der: state.csca.der, signer: cscaSigner(state) },
          otherTrusted: other.signer,
          untrusted,
          unfit,
          otherState: otherIs,
          credentialJson,
          genuine,
        });
      }
    }
    return { format: FORMAT_ID, seeds, mutators: [...textMutators<SealSeed>(), ...sealMutators()], genuine };
  },
};
