/**
 * shc: seeds are fresh health cards (vaccinations, tests, with and without exp/rid) of three trusted
 * ES256 keys of two issuers, valid at NOW; two untrusted keys sign forgeries.
 */
import { jwkThumbprint } from '../../../../src/core/crypto/jwk.ts';
import { generateEs256 } from '../../../../src/core/crypto/webcrypto.ts';
import { toBase64Url, fromBase64Url } from '../../../../src/core/encoding/bytes.ts';
import { inflateRaw } from '../../../../src/core/encoding/zlib.ts';
import { healthCardClaims, shcText, signShcJws, type ShcSigningKey } from '../../../../src/issuer/formats/shc/encode.ts';
import { FORMAT_ID } from '../../../../src/core/formats/shc/constants.ts';
import { decode } from '../../../../src/core/formats/shc/decode.ts';
import { verifyCode } from '../../../../src/core/pipeline/run.ts';
import { indexBundle } from '../../../../src/core/trust/trust-index.ts';
import { openRevocationLists } from '../../../../src/core/trust/revocation/open-lists.ts';
import { hashRevocationIds, revocationListRef, revokeInto } from '../../../../src/issuer/revoke.ts';
import { buildBundle } from '../../../../src/issuer/sign-bundle.ts';
import { Genuine, type FormatFuzzer } from '../../harness.ts';
import { jwsMutators, type ShcSeed } from './mutators.ts';
import { textMutators } from '../../mutators/text.ts';

const HOUR = 3600_000;
const NOW = new Date(Date.UTC(2025, 5, 1, 8, 0, 0));
const at = (ms: number) => new Date(NOW.getTime() + ms);
const ISS = ['https://a.gatecheck.invalid/shc', 'https://b.gatecheck.invalid'];

async function newKey(): Promise<ShcSigningKey> {
  const privateJwk = await generateEs256();
  return { kid: toBase64Url(await jwkThumbprint(privateJwk)), privateJwk };
}

const patient = (n: number) => ({ resourceType: 'Patient', name: [{ family: n ? 'Wang' : 'Zhang', given: ['San', 'X'] }], birthDate: '1990-02-03' });
const imm = (cvx: string, date: string) => ({ resourceType: 'Immunization', status: 'completed', vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: cvx }] }, patient: { reference: 'resource:0' }, occurrenceDateTime: date, lotNumber: '0000001' });
const naat = (sampled: Date) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
  subject: { reference: 'resource:0' },
  effectiveDateTime: sampled.toISOString(),
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260415000' }] },
});

export const shc: FormatFuzzer<ShcSeed> = {
  id: FORMAT_ID,
  async setup() {
    const signers: [string, ShcSigningKey][] = [
      [ISS[0]!, await newKey()],
      [ISS[0]!, await newKey()],
      [ISS[1]!, await newKey()],
    ];
    const untrusted = [await newKey(), await newKey()];
    const bundle = buildBundle({
      version: 1,
      issuedAt: at(-HOUR),
      expiresAt: at(30 * 24 * HOUR),
      issuers: ISS.map((id) => ({ id, kind: 'url' as const, names: { 'zh-CN': '测试', en: 'test' } })),
      keys: signers.map(([issuer, k]) => ({
        issuer,
        jwk: { kty: 'EC' as const, crv: 'P-256' as const, x: k.privateJwk.x, y: k.privateJwk.y, kid: k.kid, alg: 'ES256' },
        validFrom: at(-30 * 24 * HOUR),
        validUntil: at(365 * 24 * HOUR),
        kinds: ['vaccination' as const, 'test' as const],
        formats: [FORMAT_ID],
      })),
    });
    // A CRL as an issuer publishes it (docs/formats/shc.md): two rids revoked outright, and the
    // seeds' rids revoked only for cards issued before the seeds' nbf, so every lookup of a seed's
    // rid goes through the timed table and the seeds themselves still pass.
    const nbfWhole = (NOW.getTime() - 2 * HOUR) / 1000;
    const crl = await hashRevocationIds(ISS[0]!, FORMAT_ID, ['gone-1', 'gone-2', `rid0.${nbfWhole}`, `rid1.${nbfWhole}`]);
    const revoked = revokeInto(undefined, crl.keys.values(), { timed: crl.timed, capacity: 1024 });
    bundle.revocations.lists.push(await revocationListRef('crl', revoked.bytes, revoked.set.count, 'inline', revoked.timedTable));
    const sets = await openRevocationLists(bundle, {});
    if (!sets.ok) throw new Error(`shc fuzz revocation list: ${sets.reason.detail}`);
    const ctx = { trust: indexBundle(bundle, sets.value), now: NOW };
    const genuine = new Genuine();
    const seeds: ShcSeed[] = [];
    const nbf = (NOW.getTime() - 2 * HOUR) / 1000;
    for (const [n, [iss, key]] of signers.entries())
      for (const variant of [0, 1]) {
        const entries = variant ? [patient(n), naat(at(-20 * HOUR))] : [patient(n), imm('208', '2021-04-01'), imm('208', '2021-04-22T10:00:00Z')];
        const extra = n === 1 ? { rid: `rid${variant}`, exp: nbf + 365 * 86400 } : {};
        const jws = await signShcJws(healthCardClaims(iss, nbf + 0.5 * n, entries, extra), key);
        const text = shcText(jws);
        const verdict = await verifyCode(text, ctx);
        if (verdict.outcome !== 'PASS') throw new Error(`shc seed ${n}/${variant} does not pass: ${verdict.reasons.map((r) => r.code).join(',')}`);
        const decoded = decode(text);
        const [h64, p64, s64] = jws.split('.') as [string, string, string];
        const inflated = inflateRaw(fromBase64Url(p64));
        if (!decoded.ok || !inflated.ok) throw new Error('shc seed does not decode');
        const credentialJson = JSON.stringify(verdict.credential);
        genuine.add(decoded.value.signedBytes, credentialJson);
        seeds.push({
          text,
          prefix: 'shc:/',
          ctx,
          jws,
          h64,
          p64,
          s64,
          header: JSON.parse(new TextDecoder().decode(fromBase64Url(h64))),
          claims: JSON.parse(new TextDecoder().decode(inflated.value)),
          signer: key,
          otherTrusted: signers.filter(([, k]) => k !== key).map(([, k]) => k),
          untrusted,
          otherIss: ISS.find((i) => i !== iss)!,
          credentialJson,
          genuine,
        });
      }
    return { format: FORMAT_ID, seeds, mutators: [...textMutators<ShcSeed>(), ...jwsMutators()], genuine };
  },
};
