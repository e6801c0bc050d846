/**
 * The built-in checkpoint policies, as data: the demo bundle ships them, and a gate whose bundle
 * carries no policies (bundles made before policies were data) applies them. docs/policies.md
 * explains each one and how a status colour and test results combine.
 */
import { and, at, eq, ifThen, isIn, not, NOW, or, some, v } from './certlogic-build.ts';
import type { CertLogicJson, Policy, PolicyRule } from './policy.ts';

const STATUS = v('credential.healthStatus');

/** A test sampled no later than now and at most `hours` before it (both ends inclusive). */
const negativeNat = (hours: number | null) =>
  some('credential.tests', (now) =>
    and(
      eq(v('current.type'), 'NAT'),
      eq(v('current.result'), 'negative'),
      hours === null ? { 'not-after': [at(v('current.sampledAt')), now] } : { 'not-after': [at(v('current.sampledAt')), now, at(v('current.sampledAt'), hours)] },
    ),
  );

/** A full course (dose >= doses in the series) whose last dose is at least 14 days before now. */
const completeVaccination = some('credential.vaccinations', (now) =>
  and({ '>=': [v('current.dose'), v('current.of')] }, { 'not-after': [at(v('current.date'), 14, 'day'), now] }),
);

/** Recovery dates are calendar days (UTC): valid from the start of validFrom to the end of validUntil. */
const currentRecovery = some('credential.recoveries', (now) =>
  and({ 'not-after': [at(v('current.validFrom'), 0, 'day'), now] }, { before: [now, at(v('current.validUntil'), 1, 'day')] }),
);

/**
 * A pass its issuer vouches for (an NZ COVID Pass): the issuer says the holder meets its rules
 * until validUntil. Only understood passes reach rules (policyCredential). "Still valid" is the
 * code's own expiry (validUntil = exp), which decide() enforces before any rule as CODE_EXPIRED,
 * so an expired pass fails with that reason alone, as an expired certificate does.
 */
const vouchedPass = some('credential.passes', () => true);

const rule = (id: string, reason: PolicyRule['reason'], zh: string, en: string, logic: CertLogicJson): PolicyRule => ({ id, reason, texts: { 'zh-CN': zh, en }, logic });

// A positive test fails whatever else the credential says; red and yellow are never overridden.
const POSITIVE_TEST = some('credential.tests', () => eq(v('current.result'), 'positive'));
const NO_POSITIVE_TEST = rule('no-positive-test', 'TEST_POSITIVE', '检测结果阳性', 'Positive test result', not(POSITIVE_TEST));
const NOT_RED = rule('not-red', 'STATUS_RED', '红码', 'Red code', not(eq(STATUS, 'red')));
const NOT_YELLOW = rule('not-yellow', 'STATUS_YELLOW', '黄码', 'Yellow code', not(eq(STATUS, 'yellow')));
const STATUS_REQUIRED = rule(
  'home-status-required',
  'STATUS_REQUIRED',
  '此处须出示国内健康码（绿码）',
  'A domestic health code (green) is required here',
  isIn(STATUS, ['green', 'yellow', 'red']),
);
const BASE = [NO_POSITIVE_TEST, NOT_RED, NOT_YELLOW];

function natRules(hours: number): PolicyRule[] {
  return [
    rule('nat-present', 'NAT_REQUIRED', `须有 ${hours} 小时内核酸阴性结果`, `Needs a negative NAT within ${hours} h`, negativeNat(null)),
    // Only when some negative NAT is there: otherwise nat-present already said what is missing.
    rule('nat-fresh', 'NAT_TOO_OLD', `核酸结果已超过 ${hours} 小时`, `NAT result older than ${hours} h`, ifThen(negativeNat(null), negativeNat(hours), true)),
  ];
}

const natPolicy = (hours: number): Policy => ({
  id: `green-nat-${hours}h`,
  names: { 'zh-CN': `绿码 + ${hours} 小时核酸阴性`, en: `Green code + negative NAT within ${hours} h` },
  rules: [...BASE, STATUS_REQUIRED, ...natRules(hours)],
});

export const GREEN_OR_FOREIGN: Policy = {
  id: 'green-or-foreign',
  names: { 'zh-CN': '绿码 / 境外有效证书', en: 'Green code / valid foreign certificate' },
  rules: [
    ...BASE,
    rule(
      'green-or-evidence',
      'NO_QUALIFYING_EVIDENCE',
      '须为绿码，或持有接种、阴性检测、康复证明或有效通行证',
      'Needs a green code, or a vaccination, negative test, current recovery or valid pass',
      // A status colour decides alone (red and yellow fail above); without one, any current evidence.
      ifThen(
        STATUS,
        isIn(STATUS, ['green', 'yellow', 'red']),
        // A positive test is reported alone (no-positive-test), not also as missing evidence.
        or(
          POSITIVE_TEST,
          some('credential.vaccinations', () => true),
          some('credential.tests', (now) => and(eq(v('current.result'), 'negative'), { 'not-after': [at(v('current.sampledAt')), now] })),
          currentRecovery,
          // A pass its issuer vouches for: the issuer's rules stand in for the events.
          vouchedPass,
        ),
      ),
    ),
  ],
};

export const BUILTIN_POLICIES: Policy[] = [
  GREEN_OR_FOREIGN,
  { id: 'green', names: { 'zh-CN': '仅限绿码', en: 'Green code only' }, rules: [...BASE, STATUS_REQUIRED] },
  natPolicy(24),
  natPolicy(48),
  natPolicy(72),
  {
    id: 'green-vaccinated',
    names: { 'zh-CN': '绿码 + 完成疫苗接种', en: 'Green code + complete vaccination' },
    rules: [
      ...BASE,
      STATUS_REQUIRED,
      rule('vaccination-complete', 'VACCINATION_INCOMPLETE', '须完成全程接种满 14 天', 'Needs a complete vaccination at least 14 days ago', completeVaccination),
    ],
  },
  {
    // High-risk places (docs/policies.md): a screenshot or a forwarded code must not pass, so only
    // a live presentation of a device-bound code does, and within a minute of the gate's clock.
    id: 'green-device-bound',
    names: { 'zh-CN': '绿码 + 绑定手机实时出示', en: 'Green code, device-bound, shown live' },
    rules: [...BASE, STATUS_REQUIRED],
    presentation: { requireBound: true, windowSeconds: 60 },
  },
  {
    id: 'international',
    names: { 'zh-CN': '入境：接种、72 小时核酸或康复', en: 'International arrival: vaccination, 72 h NAT or recovery' },
    rules: [
      ...BASE,
      rule(
        'arrival-evidence',
        'NO_QUALIFYING_EVIDENCE',
        '须完成全程接种满 14 天、72 小时内核酸阴性或在康复有效期内',
        'Needs a complete vaccination 14+ days ago, a negative NAT within 72 h, or a current recovery',
        or(POSITIVE_TEST, completeVaccination, negativeNat(72), currentRecovery),
      ),
    ],
  },
];

/** The gate's default (DEFAULT_POLICY_ID): first in the list. */
export const DEFAULT_POLICY: Policy = GREEN_OR_FOREIGN;
