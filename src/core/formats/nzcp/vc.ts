/**
 * The `vc` claim (spec §Verifiable Credential Claim Structure, §Pass Types): what it says about the
 * holder and which pass it is. Anything we do not recognise — another pass type, another version, a
 * context not starting with the W3C one, a member the spec does not define, a subject field of the
 * wrong shape — is kept as an unknown value and leaves the pass not understood, so no policy can
 * count it; it is never MALFORMED (docs/formats/nzcp.md).
 */
import type { Holder } from '../../model/credential.ts';
import type { UnknownValues } from '../unknown-values.ts';
import { MAX_NAME, PASS_TYPES, VC_BASE_TYPE, VC_VERSION, W3C_VC_CONTEXT } from './constants.ts';
import { shown } from './shown.ts';

export interface VcReading {
  holder: Holder;
  /** The pass type when every part of the claim was understood, else 'unknown'. */
  passType: string;
}

const KNOWN_MEMBERS = new Set(['@context', 'type', 'version', 'credentialSubject']);
const SUBJECT_MEMBERS = new Set(['givenName', 'familyName', 'dob']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD (years 1900..2199), as the spec's dob is. */
function isDate(v: unknown): v is string {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2199 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const isName = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_NAME;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function subjectOf(v: unknown, log: UnknownValues): Holder {
  if (!(v instanceof Map)) return log.add('vc.credentialSubject', shown(v)) ?? {};
  for (const k of v.keys()) if (typeof k !== 'string' || !SUBJECT_MEMBERS.has(k)) log.add(`vc.credentialSubject.${shown(k)}`, shown(v.get(k)));
  const given = v.get('givenName');
  const family = v.get('familyName');
  const dob = v.get('dob');
  if (!isName(given)) log.add('vc.credentialSubject.givenName', shown(given));
  if (family !== undefined && !isName(family)) log.add('vc.credentialSubject.familyName', shown(family));
  if (!isDate(dob)) log.add('vc.credentialSubject.dob', shown(dob));
  const parts = [given, family].filter(isName);
  return { ...(parts.length ? { name: parts.join(' ') } : {}), ...(isDate(dob) ? { birthDate: dob } : {}) };
}

/** The `vc` map (the caller checked it is one) -> holder and pass type; unknown content into `log`. */
export function readVc(vc: Map<unknown, unknown>, log: UnknownValues): VcReading {
  const before = log.list.length;
  for (const k of vc.keys()) if (typeof k !== 'string' || !KNOWN_MEMBERS.has(k)) log.add(`vc.${shown(k)}`, shown(vc.get(k)));
  const context = vc.get('@context');
  if (!isStrings(context) || context[0] !== W3C_VC_CONTEXT) log.add('vc.@context', shown(context));
  const version = vc.get('version');
  if (version !== VC_VERSION) log.add('vc.version', shown(version));
  const type = vc.get('type');
  const known = isStrings(type) && type.length === 2 && type[0] === VC_BASE_TYPE && PASS_TYPES.includes(type[1]!);
  if (!known) log.add('vc.type', shown(type));
  const holder = subjectOf(vc.get('credentialSubject'), log);
  return { holder, passType: known && log.list.length === before ? type[1]! : 'unknown' };
}
