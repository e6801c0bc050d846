/**
 * The built-in policies, scenario by scenario: credential × policy × time, with the expected
 * outcome and reasons of decide() (time validity + the policy's CertLogic rules). The policies
 * go through JSON and parsePolicies first, exactly as they travel in a signed bundle.
 *
 * Credential column, space-separated:
 *   green | yellow | red   a domestic code (cn-hc, Guangdong) with that status colour
 *   foreign                an EU DCC (Germany): no status colour
 *   shc                    a SMART Health Card (URL issuer): no status colour
 *   pass | pass?           an NZ COVID Pass (did:web issuer): a pass, understood or not (another type)
 *   NAT-@T  NAT+@T  RAT-@T a test (negative/positive) sampled at ISO time T (any offset)
 *   vacD/N@DATE            vaccination dose D of N on DATE
 *   rec@FROM..UNTIL        recovery valid from FROM through UNTIL (calendar days)
 *   exp@T  iss@T           the credential's expiresAt / issuedAt
 *   bound                  the code names its holder's device key (CN v1.1; the live presentation is the pipeline's)
 * Now column: "." is 2024-05-10T12:00:00Z.
 */
import { describe, expect, it } from 'vitest';
import type { Credential } from '../model/credential.ts';
import { compareReasons, type ReasonCode } from '../model/reasons.ts';
import { BUILTIN_POLICIES } from './builtin-policies.ts';
import { decide } from './decide.ts';
import { parsePolicies } from './parse-policies.ts';

const SCENARIOS = `
  policy           | credential                                        | now                      | outcome | reasons
  ---------------- | ------------------------------------------------- | ------------------------ | ------- | -------------------------------
  green-or-foreign | green                                             | .                        | PASS    |
  green-or-foreign | yellow                                            | .                        | FAIL    | STATUS_YELLOW
  green-or-foreign | red                                               | .                        | FAIL    | STATUS_RED
  green-or-foreign | red NAT-@2024-05-10T08:00:00Z                     | .                        | FAIL    | STATUS_RED
  green-or-foreign | yellow NAT-@2024-05-10T08:00:00Z                  | .                        | FAIL    | STATUS_YELLOW
  green-or-foreign | green NAT+@2024-05-10T08:00:00Z                   | .                        | FAIL    | TEST_POSITIVE
  green-or-foreign | green NAT-@2024-05-09T20:00:00Z                   | .                        | PASS    |
  green-or-foreign | foreign vac1/2@2024-05-01                         | .                        | PASS    |
  green-or-foreign | foreign NAT-@2024-01-01T00:00:00Z                 | .                        | PASS    |
  green-or-foreign | foreign RAT-@2024-05-10T10:00:00+02:00            | .                        | PASS    |
  green-or-foreign | foreign NAT-@2024-05-10T12:00:01Z                 | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green-or-foreign | foreign NAT+@2024-05-10T08:00:00Z                 | .                        | FAIL    | TEST_POSITIVE
  green-or-foreign | foreign NAT+@2024-05-01T08:00:00Z vac2/2@2024-01-01 | .                      | FAIL    | TEST_POSITIVE
  green-or-foreign | foreign                                           | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green-or-foreign | foreign rec@2024-04-01..2024-05-10                | .                        | PASS    |
  green-or-foreign | foreign rec@2024-04-01..2024-05-09                | 2024-05-09T23:59:59Z     | PASS    |
  green-or-foreign | foreign rec@2024-04-01..2024-05-09                | 2024-05-10T00:00:00Z     | FAIL    | NO_QUALIFYING_EVIDENCE
  green-or-foreign | foreign rec@2024-05-11..2024-11-01                | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green-or-foreign | foreign rec@2024-05-10..2024-11-01                | 2024-05-10T00:00:00Z     | PASS    |
  green-or-foreign | green exp@2024-05-10T12:00:00Z                    | .                        | FAIL    | CODE_EXPIRED
  green-or-foreign | green iss@2024-05-10T12:05:00Z                    | .                        | PASS    |
  green-or-foreign | green iss@2024-05-10T12:05:01Z                    | .                        | FAIL    | NOT_YET_VALID
  green-or-foreign | red exp@2024-05-10T06:00:00Z                      | .                        | FAIL    | CODE_EXPIRED, STATUS_RED
  green-or-foreign | shc vac2/2@2024-01-01                             | .                        | PASS    |
  green-or-foreign | pass                                              | .                        | PASS    |
  green-or-foreign | pass?                                             | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green-or-foreign | pass exp@2024-05-10T12:00:00Z                     | .                        | FAIL    | CODE_EXPIRED
  green-or-foreign | pass iss@2024-05-10T12:05:01Z                     | .                        | FAIL    | NOT_YET_VALID
  green            | pass                                              | .                        | FAIL    | STATUS_REQUIRED
  green-nat-24h    | pass                                              | .                        | FAIL    | STATUS_REQUIRED, NAT_REQUIRED
  green-vaccinated | pass                                              | .                        | FAIL    | STATUS_REQUIRED, VACCINATION_INCOMPLETE
  international    | pass                                              | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green            | green                                             | .                        | PASS    |
  green            | yellow                                            | .                        | FAIL    | STATUS_YELLOW
  green            | red                                               | .                        | FAIL    | STATUS_RED
  green            | green NAT+@2024-05-10T08:00:00Z                   | .                        | FAIL    | TEST_POSITIVE
  green            | foreign vac2/2@2024-01-01                         | .                        | FAIL    | STATUS_REQUIRED
  green            | foreign NAT-@2024-05-10T08:00:00Z                 | .                        | FAIL    | STATUS_REQUIRED
  green            | foreign NAT+@2024-05-10T08:00:00Z                 | .                        | FAIL    | TEST_POSITIVE, STATUS_REQUIRED
  green            | shc vac2/2@2024-01-01                             | .                        | FAIL    | STATUS_REQUIRED
  green-nat-24h    | green NAT-@2024-05-09T12:00:00Z                   | .                        | PASS    |
  green-nat-24h    | green NAT-@2024-05-09T11:59:59Z                   | .                        | FAIL    | NAT_TOO_OLD
  green-nat-24h    | green NAT-@2024-05-09T20:00:00+08:00              | .                        | PASS    |
  green-nat-24h    | green NAT-@2024-05-09T19:59:59+08:00              | .                        | FAIL    | NAT_TOO_OLD
  green-nat-24h    | green NAT-@2024-05-09T07:00:00-05:00              | .                        | PASS    |
  green-nat-24h    | green NAT-@2024-05-09T06:59:59.999-05:00          | .                        | FAIL    | NAT_TOO_OLD
  green-nat-24h    | green                                             | .                        | FAIL    | NAT_REQUIRED
  green-nat-24h    | green RAT-@2024-05-10T08:00:00Z                   | .                        | FAIL    | NAT_REQUIRED
  green-nat-24h    | green NAT-@2024-05-10T12:00:00Z                   | .                        | PASS    |
  green-nat-24h    | green NAT-@2024-05-10T12:00:01Z                   | .                        | FAIL    | NAT_REQUIRED
  green-nat-24h    | green NAT-@2024-05-11T08:00:00+08:00              | .                        | FAIL    | NAT_REQUIRED
  green-nat-24h    | green NAT-@2024-05-07T12:00:00Z NAT-@2024-05-10T06:00:00Z | .                | PASS    |
  green-nat-24h    | green NAT-@2024-05-10T06:00:00Z NAT-@2024-05-07T12:00:00Z | .                | PASS    |
  green-nat-24h    | green NAT-@2024-05-07T12:00:00Z NAT-@2024-05-08T12:00:00Z | .                | FAIL    | NAT_TOO_OLD
  green-nat-24h    | green NAT-@2024-05-10T06:00:00Z NAT+@2024-05-10T09:00:00Z | .                | FAIL    | TEST_POSITIVE
  green-nat-24h    | green NAT+@2024-05-01T08:00:00Z NAT-@2024-05-10T06:00:00Z | .                | FAIL    | TEST_POSITIVE
  green-nat-24h    | yellow NAT-@2024-05-10T08:00:00Z                  | .                        | FAIL    | STATUS_YELLOW
  green-nat-24h    | red NAT-@2024-05-10T08:00:00Z                     | .                        | FAIL    | STATUS_RED
  green-nat-24h    | red                                               | .                        | FAIL    | STATUS_RED, NAT_REQUIRED
  green-nat-24h    | foreign NAT-@2024-05-10T08:00:00Z                 | .                        | FAIL    | STATUS_REQUIRED
  green-nat-24h    | green NAT-@2024-05-10T08:00:00Z                   | 2024-05-11T08:00:00Z     | PASS    |
  green-nat-24h    | green NAT-@2024-05-10T08:00:00Z                   | 2024-05-11T08:00:00.001Z | FAIL    | NAT_TOO_OLD
  green-nat-24h    | green NAT-@2024-05-10T08:00:00Z exp@2024-05-10T10:00:00Z | .                 | FAIL    | CODE_EXPIRED
  green-nat-48h    | green NAT-@2024-05-08T12:00:00Z                   | .                        | PASS    |
  green-nat-48h    | green NAT-@2024-05-08T11:59:59Z                   | .                        | FAIL    | NAT_TOO_OLD
  green-nat-48h    | green NAT-@2024-05-09T06:00:00Z                   | .                        | PASS    |
  green-nat-48h    | green NAT-@2024-05-08T18:00:00+06:00              | .                        | PASS    |
  green-nat-48h    | green                                             | .                        | FAIL    | NAT_REQUIRED
  green-nat-48h    | yellow NAT-@2024-05-10T11:00:00Z                  | .                        | FAIL    | STATUS_YELLOW
  green-nat-72h    | green NAT-@2024-05-07T12:00:00Z                   | .                        | PASS    |
  green-nat-72h    | green NAT-@2024-05-07T11:59:59Z                   | .                        | FAIL    | NAT_TOO_OLD
  green-nat-72h    | green NAT-@2024-05-07T20:00:00+08:00              | .                        | PASS    |
  green-nat-72h    | green NAT-@2024-05-07T19:59:59+08:00              | .                        | FAIL    | NAT_TOO_OLD
  green-nat-72h    | yellow NAT-@2024-05-10T11:00:00Z                  | .                        | FAIL    | STATUS_YELLOW
  green-nat-72h    | foreign NAT-@2024-05-10T08:00:00Z                 | .                        | FAIL    | STATUS_REQUIRED
  green-vaccinated | green vac2/2@2024-04-26                           | .                        | PASS    |
  green-vaccinated | green vac2/2@2024-04-27                           | .                        | FAIL    | VACCINATION_INCOMPLETE
  green-vaccinated | green vac2/2@2024-04-27                           | 2024-05-11T00:00:00Z     | PASS    |
  green-vaccinated | green vac2/2@2024-04-27                           | 2024-05-10T23:59:59Z     | FAIL    | VACCINATION_INCOMPLETE
  green-vaccinated | green vac1/2@2024-01-01                           | .                        | FAIL    | VACCINATION_INCOMPLETE
  green-vaccinated | green vac1/2@2024-01-01 vac2/2@2024-02-01         | .                        | PASS    |
  green-vaccinated | green vac3/3@2024-03-01                           | .                        | PASS    |
  green-vaccinated | green                                             | .                        | FAIL    | VACCINATION_INCOMPLETE
  green-vaccinated | yellow vac3/3@2024-03-01                          | .                        | FAIL    | STATUS_YELLOW
  green-vaccinated | foreign vac2/2@2024-01-01                         | .                        | FAIL    | STATUS_REQUIRED
  international    | foreign vac2/2@2024-04-26                         | .                        | PASS    |
  international    | foreign vac2/2@2024-04-27                         | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign vac1/2@2024-01-01                         | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign NAT-@2024-05-07T12:00:00Z                 | .                        | PASS    |
  international    | foreign NAT-@2024-05-07T11:59:59Z                 | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign NAT-@2024-05-07T13:00:00+01:00            | .                        | PASS    |
  international    | foreign NAT-@2024-05-07T12:59:59+01:00            | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign RAT-@2024-05-10T08:00:00Z                 | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign NAT-@2024-05-10T13:00:00Z                 | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign NAT-@2024-05-01T00:00:00Z NAT-@2024-05-09T00:00:00Z | .              | PASS    |
  international    | foreign rec@2024-04-01..2024-10-01                | .                        | PASS    |
  international    | foreign rec@2024-05-10..2024-10-01                | .                        | PASS    |
  international    | foreign rec@2024-05-11..2024-10-01                | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign rec@2023-10-01..2024-05-09                | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  international    | foreign NAT+@2024-05-10T08:00:00Z                 | .                        | FAIL    | TEST_POSITIVE
  international    | foreign NAT+@2024-05-10T08:00:00Z vac2/2@2024-01-01 | .                      | FAIL    | TEST_POSITIVE
  international    | foreign vac2/2@2024-01-01 exp@2024-05-10T11:00:00Z | .                       | FAIL    | CODE_EXPIRED
  international    | shc vac2/2@2024-01-01                             | .                        | PASS    |
  international    | green                                             | .                        | FAIL    | NO_QUALIFYING_EVIDENCE
  green-device-bound | green bound                                     | .                        | PASS    |
  green-device-bound | green                                           | .                        | FAIL    | PRESENTATION_REQUIRED
  green-device-bound | red bound                                       | .                        | FAIL    | STATUS_RED
  green-device-bound | yellow                                          | .                        | FAIL    | PRESENTATION_REQUIRED, STATUS_YELLOW
  green-device-bound | green bound exp@2024-05-10T12:00:00Z            | .                        | FAIL    | CODE_EXPIRED
  green-device-bound | foreign vac2/2@2024-01-01                       | .                        | FAIL    | PRESENTATION_REQUIRED, STATUS_REQUIRED
  green-device-bound | pass                                            | .                        | FAIL    | PRESENTATION_REQUIRED, STATUS_REQUIRED
  green            | green bound                                       | .                        | PASS    |
  international    | green NAT-@2024-05-09T00:00:00+08:00              | .                        | PASS    |
  international    | red vac3/3@2024-01-01                             | .                        | FAIL    | STATUS_RED
  international    | yellow NAT-@2024-05-10T08:00:00Z                  | .                        | FAIL    | STATUS_YELLOW
`;

const DEFAULT_NOW = '2024-05-10T12:00:00Z';
const HOUR = 3600_000;

interface Row {
  line: string;
  policy: string;
  credential: string;
  now: Date;
  outcome: 'PASS' | 'FAIL';
  reasons: ReasonCode[];
}

function rows(table: string): Row[] {
  return table
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('policy') && !l.startsWith('---'))
    .map((line) => {
      const [policy, credential, now, outcome, reasons] = line.split('|').map((c) => c.trim());
      return {
        line,
        policy: policy!,
        credential: credential!,
        now: new Date(now === '.' ? DEFAULT_NOW : now!),
        outcome: outcome as Row['outcome'],
        reasons: reasons ? (reasons.split(',').map((r) => r.trim()) as ReasonCode[]) : [],
      };
    });
}

/** A credential from the column's words (see the header). Holder data is there, as codes carry it. */
function credentialOf(words: string, now: Date): Credential {
  const [kind, ...rest] = words.split(/\s+/);
  const domestic = kind === 'green' || kind === 'yellow' || kind === 'red';
  if (kind === 'pass' || kind === 'pass?') return passCredential(kind === 'pass' ? 'PublicCovidPass' : 'unknown', rest, now);
  const c: Credential = {
    format: domestic ? 'cn-hc' : kind === 'foreign' ? 'eu-dcc' : 'shc',
    issuer: domestic ? { id: '440000', kind: 'province' } : kind === 'foreign' ? { id: 'DE', kind: 'country' } : { id: 'https://shc.example', kind: 'url' },
    keyId: 'k1',
    issuedAt: new Date(now.getTime() - 10 * 60_000).toISOString(),
    expiresAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
    holder: { name: '张小三', idTail: '123X', birthDate: '1990-05-17' },
    ...(domestic ? { healthStatus: kind } : {}),
    tests: [],
    vaccinations: [],
    recoveries: [],
    kinds: domestic ? ['health-status'] : ['vaccination'],
  };
  if (!domestic && kind !== 'foreign' && kind !== 'shc') throw new Error(`unknown credential kind ${kind}`);
  for (const w of rest) {
    let m: RegExpMatchArray | null;
    if ((m = w.match(/^(NAT|RAT)([+-])@(.+)$/))) c.tests.push({ type: m[1] as 'NAT' | 'RAT', result: m[2] === '+' ? 'positive' : 'negative', sampledAt: m[3]! });
    else if ((m = w.match(/^vac(\d+)\/(\d+)@(.+)$/))) c.vaccinations.push({ dose: Number(m[1]), of: Number(m[2]), date: m[3]!, product: 'EU/1/20/1528' });
    else if ((m = w.match(/^rec@(.+)\.\.(.+)$/))) c.recoveries.push({ validFrom: m[1]!, validUntil: m[2]! });
    else if ((m = w.match(/^exp@(.+)$/))) c.expiresAt = m[1]!;
    else if ((m = w.match(/^iss@(.+)$/))) c.issuedAt = m[1]!;
    else if (w === 'bound') c.deviceBound = {};
    else throw new Error(`unknown credential word ${w}`);
  }
  return c;
}

/** An NZ COVID Pass as normalise makes it: a pass until expiresAt (validUntil = exp), no events. */
function passCredential(type: string, words: string[], now: Date): Credential {
  const c: Credential = {
    format: 'nzcp',
    issuer: { id: 'did:web:nzcp.example', kind: 'did' },
    keyId: 'k1',
    issuedAt: new Date(now.getTime() - 10 * 60_000).toISOString(),
    expiresAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
    holder: { name: 'Jack Sparrow', birthDate: '1960-04-16' },
    tests: [],
    vaccinations: [],
    recoveries: [],
    kinds: ['pass'],
  };
  for (const w of words) {
    let m: RegExpMatchArray | null;
    if ((m = w.match(/^exp@(.+)$/))) c.expiresAt = m[1]!;
    else if ((m = w.match(/^iss@(.+)$/))) c.issuedAt = c.notBefore = m[1]!;
    else throw new Error(`unknown pass word ${w}`);
  }
  return { ...c, passes: [{ type, validUntil: c.expiresAt! }] };
}

// As a gate receives them: JSON in a signed bundle, checked by parsePolicies.
const shipped = parsePolicies(JSON.parse(JSON.stringify(BUILTIN_POLICIES)));
if (!shipped.ok) throw new Error(`built-in policies do not parse: ${shipped.reason.detail}`);
const POLICIES = new Map(shipped.value.map((p) => [p.id, p]));

const ALL = rows(SCENARIOS);

describe('policy scenarios (credential × policy × time)', () => {
  it('has at least 60 scenarios, every built-in policy among them', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ALL.map((r) => r.policy))).toEqual(new Set(POLICIES.keys()));
  });

  for (const row of ALL) {
    it(row.line.replace(/\s+\|\s+/g, ' | ').replace(/\s+/g, ' '), () => {
      const policy = POLICIES.get(row.policy);
      expect(policy, `policy ${row.policy}`).toBeDefined();
      expect(row.outcome === 'PASS', 'a PASS row lists no reasons').toBe(row.reasons.length === 0);
      const reasons = decide(credentialOf(row.credential, row.now), policy!, row.now).sort(compareReasons);
      expect(reasons.map((r) => r.code)).toEqual(row.reasons);
      expect(reasons.length === 0 ? 'PASS' : 'FAIL').toBe(row.outcome);
      // Every policy reason names its rule and carries the rule's own texts for the result screen.
      for (const r of reasons.filter((x) => x.code !== 'CODE_EXPIRED' && x.code !== 'NOT_YET_VALID')) {
        expect(r.rule?.id).toMatch(/\S/);
        expect(r.rule?.texts['zh-CN']).toMatch(/\S/);
        expect(r.rule?.texts.en).toMatch(/\S/);
      }
    });
  }
});
