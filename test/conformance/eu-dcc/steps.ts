/**
 * One step per suite flag, each through the same layer functions, reader and pipeline the app
 * uses, and each on whatever layers the vector carries: the README's "input" of a step is where
 * it starts when present, and otherwise the step starts from the nearest layer the vector has
 * (COSE, COMPRESSED, BASE45, PREFIX, the picture — in that order for the signed message).
 */
import { decodeBase45, encodeBase45 } from '../../../src/core/encoding/base45.ts';
import { bytesEqual, fromHex } from '../../../src/core/encoding/bytes.ts';
import { decodeCbor } from '../../../src/core/encoding/cbor.ts';
import { isFullDate, parseDateTime } from '../../../src/core/encoding/rfc3339.ts';
import { deflateZlib, inflateZlib } from '../../../src/core/encoding/zlib.ts';
import { decode, decodeCose, euDcc, hcertFromClaims, PAYLOAD_TAGS, type DccClaims } from '../../../src/core/formats/eu-dcc/index.ts';
import { presentGroups, GROUPS } from '../../../src/core/formats/eu-dcc/events.ts';
import type { Decoded, ValueSets } from '../../../src/core/formats/format.ts';
import { detectFormat } from '../../../src/core/formats/registry.ts';
import type { ReasonCode } from '../../../src/core/model/reasons.ts';
import type { Verdict } from '../../../src/core/model/verdict.ts';
import type { Result } from '../../../src/core/result.ts';
import type { CertificateKey } from '../../../src/core/trust/x509.ts';
import type { Flag } from './vectors.ts';

export interface Outcome {
  ok: boolean;
  why: string;
  /** The vector lacks every layer the step could start from. */
  notRunnable?: boolean;
}

/** What the steps of one vector share, computed once. */
export interface VectorLayers {
  data: Record<string, unknown>;
  /** The picture's text, when the vector has a picture (or the reader's failure). */
  picture?: { ok: true; text: string } | { ok: false; why: string };
  /** The signed message as a code text, from the lowest layer present. */
  chainText?: string;
  /** The test context's certificate, as the trust bundle holds it. */
  cert?: CertificateKey;
  /** The pipeline's verdict on chainText at the validation clock, with that certificate trusted. */
  verdict?: Verdict;
  valueSets: ValueSets;
}

const pass: Outcome = { ok: true, why: '' };
const no = (why: string): Outcome => ({ ok: false, why });
const notRunnable = (why: string): Outcome => ({ ok: false, why, notRunnable: true });
const why = (r: { ok: false; reason: { code: string; detail?: string } }) => `${r.reason.code}${r.reason.detail ? ` ${r.reason.detail}` : ''}`;
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export function hex(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return fromHex(v);
  } catch {
    return undefined;
  }
}

/** The signed message as a code text: COSE, else COMPRESSED, else BASE45, else PREFIX, else the picture. */
export function chainTextOf(d: Record<string, unknown>, picture: VectorLayers['picture']): string | undefined {
  const cose = hex(d.COSE);
  if (cose) return 'HC1:' + encodeBase45(deflateZlib(cose));
  const compressed = hex(d.COMPRESSED);
  if (compressed) return 'HC1:' + encodeBase45(compressed);
  if (typeof d.BASE45 === 'string') return 'HC1:' + d.BASE45;
  if (typeof d.PREFIX === 'string') return d.PREFIX;
  return picture?.ok ? picture.text : undefined;
}

/** The text a scanner would see: PREFIX, else the picture, else the signed message re-wrapped. */
function scannedText(l: VectorLayers): string | undefined {
  return str(l.data.PREFIX) ?? (l.picture?.ok ? l.picture.text : undefined) ?? l.chainText;
}

const NO_OFFSET = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

/** A date or date-time text as whole seconds (a date, or a time without offset, read as UTC), else undefined. */
function instant(s: string): number | undefined {
  let t = parseDateTime(s);
  if (t === undefined && isFullDate(s)) t = Date.parse(`${s}T00:00:00Z`);
  const m = t === undefined ? NO_OFFSET.exec(s) : null;
  if (m) t = parseDateTime(`${m[1]}T${m[2]}${m[3] ?? ':00'}Z`);
  return t === undefined ? undefined : Math.floor(t / 1000);
}

/**
 * JSON equality as the suite's reference runner compares: strings that both read as dates compare
 * as instants to the second (issuers write "Z", ".000Z", offsets or a bare date), and lists compare
 * as multisets (the runner sorts them).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const ta = instant(a);
    return ta !== undefined && ta === instant(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const unused = [...b];
    return a.every((x) => {
      const i = unused.findIndex((y) => sameJson(x, y));
      return i >= 0 && unused.splice(i, 1).length === 1;
    });
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson((a as never)[k], (b as never)[k]));
  }
  return a === b;
}

/** The claims of the signed message: COSE when present, else the chain. */
function claimsOf(l: VectorLayers): Result<DccClaims> | undefined {
  const cose = hex(l.data.COSE);
  const d = cose ? decodeCose(cose) : l.chainText !== undefined ? decode(l.chainText) : undefined;
  return d && (d.ok ? { ok: true, value: d.value.claims } : d);
}

/** The suite's CBOR field holds either the CWT claims or the DCC itself. */
function claimsOfCborField(bytes: Uint8Array): Result<DccClaims> {
  const c = decodeCbor(bytes, { tags: PAYLOAD_TAGS });
  if (!c.ok) return c;
  if (c.value instanceof Map && c.value.has(-260)) return { ok: true, value: c.value };
  return { ok: true, value: new Map([[-260, new Map([[1, c.value]])]]) };
}

function compareDcc(json: unknown, claims: Result<DccClaims> | undefined): Outcome {
  if (!claims) return notRunnable('no encoded layer');
  if (!claims.ok) return no(why(claims));
  const dcc = hcertFromClaims(claims.value);
  if (!dcc.ok) return no(why(dcc));
  if (json === undefined) return pass;
  return sameJson(dcc.value, json) ? pass : no('payload differs from JSON');
}

const has = (rs: { code: ReasonCode }[], codes: ReasonCode[]) => rs.some((r) => codes.includes(r.code));
const reasonsOf = (v: Verdict | undefined) => (v ? [...v.reasons, ...v.warnings].map((r) => r.code).join(',') || 'none' : 'no verdict');

export function runStep(flag: Flag, l: VectorLayers): Outcome {
  const d = l.data;
  switch (flag) {
    case 'EXPECTEDPICTUREDECODE': {
      if (!l.picture) return notRunnable('no picture');
      if (!l.picture.ok) return no(l.picture.why);
      return typeof d.PREFIX === 'string' && l.picture.text !== d.PREFIX ? no('QR text differs from PREFIX') : pass;
    }
    case 'EXPECTEDUNPREFIX': {
      const text = str(d.PREFIX) ?? (l.picture?.ok ? l.picture.text : undefined);
      if (text === undefined) return notRunnable('no PREFIX or picture');
      if (detectFormat(text)?.id !== 'eu-dcc') return no('prefix not recognised as HC1');
      const rest = text.slice('HC1:'.length);
      return typeof d.BASE45 === 'string' && rest !== d.BASE45 ? no('unprefixed text differs from BASE45') : pass;
    }
    case 'EXPECTEDB45DECODE': {
      const prefixed = str(d.PREFIX);
      const text = str(d.BASE45) ?? (prefixed?.startsWith('HC1:') ? prefixed.slice(4) : undefined);
      if (text === undefined) return notRunnable('no BASE45 or PREFIX');
      const r = decodeBase45(text);
      if (!r.ok) return no(why(r));
      const want = hex(d.COMPRESSED);
      return want && !bytesEqual(r.value, want) ? no('decoded bytes differ from COMPRESSED') : pass;
    }
    case 'EXPECTEDCOMPRESSION': {
      let z = hex(d.COMPRESSED);
      if (!z) {
        const text = str(d.BASE45) ?? str(d.PREFIX)?.slice(4);
        const b45 = text === undefined ? undefined : decodeBase45(text);
        if (!b45?.ok) return notRunnable('no COMPRESSED layer');
        z = b45.value;
      }
      const r = inflateZlib(z);
      if (!r.ok) return no(why(r));
      const want = hex(d.COSE);
      return want && !bytesEqual(r.value, want) ? no('inflated bytes differ from COSE') : pass;
    }
    case 'EXPECTEDDECODE': {
      const cbor = hex(d.CBOR);
      const claims = hex(d.COSE) || !cbor ? claimsOf(l) : claimsOfCborField(cbor);
      return compareDcc(d.JSON, claims);
    }
    case 'EXPECTEDVALIDJSON': {
      const text = scannedText(l);
      return compareDcc(d.JSON, text === undefined ? undefined : (() => {
        const r = decode(text);
        return r.ok ? { ok: true as const, value: r.value.claims } : r;
      })());
    }
    case 'EXPECTEDVERIFY': {
      // The cryptographic check only: content findings are other flags.
      const v = l.verdict;
      if (!v) return notRunnable('no signed message');
      return v.signatureVerified ? pass : no(reasonsOf(v));
    }
    case 'EXPECTEDKEYUSAGE': {
      // The certificate's key usage against the kind of certificate, from the CWT alone (whoever signed it).
      if (!l.cert) return no('no usable certificate');
      const claims = claimsOf(l);
      if (!claims) return notRunnable('no signed message');
      if (!claims.ok) return no(why(claims));
      const dcc = hcertFromClaims(claims.value);
      if (!dcc.ok) return no(why(dcc));
      const groups = presentGroups(dcc.value);
      if (groups.length !== 1) return no(`${groups.length} event groups`);
      const kind = GROUPS[groups[0]!];
      return l.cert.kinds.includes(kind) ? pass : no(`certificate may sign ${l.cert.kinds.join(', ')}, not ${kind}`);
    }
    case 'EXPECTEDEXPIRATIONCHECK': {
      // Validity at the validation clock, from the CWT (KEY_EXPIRED, the DSC at signing time, is a separate rule).
      const v = l.verdict;
      if (!v) return notRunnable('no signed message');
      return !v.credential || has(v.reasons, ['CODE_EXPIRED', 'NOT_YET_VALID']) ? no(reasonsOf(v)) : pass;
    }
    case 'EXPECTEDSCHEMAVALIDATION': {
      // The published schema of the payload's version, one event, and value-set membership over the bundle's value sets.
      const cbor = hex(d.CBOR);
      const claims = claimsOf(l) ?? (cbor ? claimsOfCborField(cbor) : undefined);
      if (!claims) return notRunnable('no encoded layer');
      if (!claims.ok) return no(why(claims));
      const found = euDcc.check!({ claims: claims.value } as Decoded<DccClaims>, { valueSets: l.valueSets });
      const all = [...found.problems, ...found.notes];
      return all.length ? no(all.map((r) => `${r.code} ${r.detail ?? ''}`).join('; ')) : pass;
    }
  }
}
