/**
 * CWT claims of an EU DCC -> the format-free Credential.
 *
 * Validity (iat, exp) and the kinds the signing key must allow come from the CWT and the group
 * names alone, so they are judged whatever the content holds. normalise fails only when those
 * cannot be read (MALFORMED_CLAIMS). Everything else is read as the EU's quality-assurance rules
 * say (lenient.ts, events.ts): what we do not recognise becomes an unknown value, shown to staff
 * and never counted as evidence. Structural and specification findings (hcert missing, several
 * events, schema, value sets) are content-check.ts's.
 */
import type { Credential, CredentialKind, Holder } from '../../model/credential.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Decoded, NormaliseContext } from '../format.ts';
import { CLAIM, MAX_TIME_S, MIN_TIME_S } from './constants.ts';
import type { DccClaims } from './decode.ts';
import { GROUPS, presentGroups, readEvents, type Group } from './events.ts';
import { dccJson, groupKeys } from './dcc-json.ts';
import type { JsonObject } from './hcert.ts';
import { UnknownValues } from '../unknown-values.ts';
import { isObject, readDate, readText } from './lenient.ts';
import { valueSetMisses } from './value-set-check.ts';

const COUNTRY = /^[A-Z]{2}$/;
/** ISO 8601 date as the schemas allow a birth date: year, year-month or full date. */
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** CWT NumericDate: seconds, fractions allowed, within 2000..2200. */
function cwtTime(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < MIN_TIME_S || v > MAX_TIME_S) return undefined;
  return new Date(Math.floor(v * 1000)).toISOString();
}

/** "MUSTERFRAU<GOESSINGER" -> "MUSTERFRAU GOESSINGER" (ICAO 9303 filler to spaces). */
const untransliterate = (s: string) => s.replace(/<+/g, ' ').trim();

/** Surname(s), forename(s), in that order as the certificate prints them; the transliterated form when a printed one is missing. */
function holderName(nam: JsonObject, log: UnknownValues): string | undefined {
  const fn = readText(nam, 'fn', 'nam.fn', log);
  const gn = readText(nam, 'gn', 'nam.gn', log);
  const fnt = readText(nam, 'fnt', 'nam.fnt', log);
  const gnt = readText(nam, 'gnt', 'nam.gnt', log);
  const surname = fn || (fnt !== undefined ? untransliterate(fnt) : '');
  const forename = gn || (gnt !== undefined ? untransliterate(gnt) : '');
  const name = surname && forename ? `${surname}, ${forename}` : surname || forename;
  return name || undefined;
}

function readHolder(dcc: JsonObject, log: UnknownValues): Holder {
  const holder: Holder = {};
  if (isObject(dcc.nam)) {
    const name = holderName(dcc.nam, log);
    if (name) holder.name = name;
  } else if (dcc.nam !== undefined) log.add('nam', dcc.nam);
  // May be empty, partial ("1979", "1979-04") or, from some issuers, a date-time.
  if (typeof dcc.dob === 'string' && PARTIAL_DATE.test(dcc.dob)) holder.birthDate = dcc.dob;
  else if (dcc.dob !== undefined && dcc.dob !== '') {
    const d = readDate(dcc, 'dob', 'dob', log);
    if (d) holder.birthDate = d;
  }
  return holder;
}

export function normalise(decoded: Decoded<DccClaims>, ctx: NormaliseContext): Result<Credential> {
  const c = decoded.claims;
  if (!(c instanceof Map)) return fail('MALFORMED_CLAIMS', 'CWT claims are not a map');
  const issuedAt = cwtTime(c.get(CLAIM.iat));
  if (!issuedAt) return fail('MALFORMED_CLAIMS', 'iat is not a time in seconds within 2000..2200');
  const exp = cwtTime(c.get(CLAIM.exp));
  if (!exp) return fail('MALFORMED_CLAIMS', 'exp is not a time in seconds within 2000..2200');
  // A DCC is still valid at the second of exp (EU verifiers, and the EU test suite's vectors whose
  // validation clock equals exp); Credential.expiresAt is the first instant it is not.
  const expiresAt = new Date(Date.parse(exp) + 1000).toISOString();

  const log = new UnknownValues();
  // iss names the issuing country; issuers also write agency names. The signing key's country is
  // the trusted fact either way (pipeline), so an unrecognised iss is only shown.
  const iss = c.get(CLAIM.iss);
  const issText = typeof iss === 'string' ? iss.trim().toUpperCase() : undefined;
  const issuer: Credential['issuer'] = issText && COUNTRY.test(issText) ? { id: issText, kind: 'country' } : { id: typeof iss === 'string' ? iss.trim() : '', kind: 'unknown' };
  if (issuer.kind === 'unknown') log.add('iss', iss);

  const json = dccJson(c);
  const dcc: JsonObject = json.ok ? json.value.clean : {};
  const holder = readHolder(dcc, log);
  const events = readEvents(dcc, ctx, log);
  for (const m of valueSetMisses(dcc, ctx.valueSets)) if (!log.list.some((u) => u.field === m.field)) log.add(m.field, m.code);
  const groups = json.ok ? presentGroups(dcc) : (Object.keys(GROUPS) as Group[]).filter((g) => groupKeys(c).includes(g));
  const kinds: CredentialKind[] = groups.map((g) => GROUPS[g]);
  const codeId = events.certIds[0];
  return ok({
    format: decoded.format,
    issuer,
    keyId: decoded.kid,
    ...(codeId ? { codeId } : {}),
    issuedAt,
    expiresAt,
    holder,
    tests: events.tests,
    vaccinations: events.vaccinations,
    recoveries: events.recoveries,
    kinds,
    ...log.field,
  });
}
