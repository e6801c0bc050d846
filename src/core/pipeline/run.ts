/**
 * The pipeline: detect -> decode -> verify -> normalise -> decide, one Verdict out.
 * Nothing throws past this function: an unexpected exception is itself a FAIL (INTERNAL_ERROR).
 */
import type { Decoded, Opened } from '../formats/format.ts';
import { detectFormat } from '../formats/registry.ts';
import type { Result } from '../result.ts';
import { compareReasons, type Reason } from '../model/reasons.ts';
import { outcomeOf } from '../model/reason-class.ts';
import type { Credential } from '../model/credential.ts';
import type { TrustSummary, Verdict } from '../model/verdict.ts';
import { decide } from '../policy/decide.ts';
import { DEFAULT_POLICY, type Policy } from '../policy/policy.ts';
import type { Trust } from '../trust/trust-index.ts';
import { checkKey, verifyWithTrust } from './verify.ts';
import { checkHolder, type HolderCheck } from './holder.ts';
import { presentationReasons } from '../policy/presentation.ts';
import { trustStateReasons, type TrustMeta } from '../policy/trust-state.ts';
import { assessFreshness } from '../trust/freshness.ts';
import { revocationHashSync } from '../trust/revocation/revocation-hash.ts';
import { lookupIds } from '../trust/revocation/code-id.ts';

import { MAX_INPUT_CHARS } from './limits.ts';
export { MAX_INPUT_CHARS };

export interface VerifyContext {
  trust: Trust | null;
  now: Date;
  policy?: Policy;
  /** When the bundle was last confirmed current, and clock evidence; absent for a sideloaded bundle. */
  trustMeta?: TrustMeta;
}

type Base = Omit<Verdict, 'outcome' | 'reasons'> & { stateFail: Reason[] };

function baseVerdict(ctx: VerifyContext, policy: Policy): Base {
  const state = trustStateReasons(ctx.trust?.bundle ?? null, ctx.now, ctx.trustMeta);
  return {
    signatureVerified: false,
    warnings: state.warn,
    stateFail: state.fail,
    trust: ctx.trust ? summarise(ctx.trust, ctx.now, ctx.trustMeta) : null,
    policy: { id: policy.id, names: policy.names },
    checkedAt: ctx.now.toISOString(),
  };
}

/** The read step (pixels -> text) failed, so there is no text to run: a FAIL with the read reason. */
export function readFailed(reason: Reason, ctx: VerifyContext): Verdict {
  const base = baseVerdict(ctx, ctx.policy ?? DEFAULT_POLICY);
  return finish(base, [reason]);
}

export async function verifyCode(input: string, ctx: VerifyContext): Promise<Verdict> {
  const policy = ctx.policy ?? DEFAULT_POLICY;
  // Made when first needed: on the way to a signature check it waits until the check has started.
  let made: Base | undefined;
  const base = () => (made ??= baseVerdict(ctx, policy));
  try {
    return await run(input, ctx, policy, base);
  } catch (e) {
    return finish(base(), [{ code: 'INTERNAL_ERROR', detail: e instanceof Error ? e.name : 'unknown' }]);
  }
}

async function run(input: string, ctx: VerifyContext, policy: Policy, base: () => Base): Promise<Verdict> {
  // Scanners and clipboards add line ends; base45 has a space in its alphabet, so spaces stay.
  const text = trimLineEnds(input);
  if (text.length === 0) return finish(base(), [{ code: 'EMPTY_INPUT' }]);
  if (text.length > MAX_INPUT_CHARS) return finish(base(), [{ code: 'INPUT_TOO_LARGE', detail: `${text.length} characters` }]);

  const plugin = detectFormat(text);
  if (!plugin) return finish(base(), [{ code: 'UNSUPPORTED_FORMAT' }]);
  const withFormat = () => ({ ...base(), format: plugin.id });

  const opened = plugin.open ? plugin.open(text) : openDecoded(plugin.decode(text));
  if (!opened.ok) return finish(withFormat(), [opened.reason]);
  // The signature check starts as soon as the envelope is open and runs off this thread
  // (WebCrypto); the claims are read, normalised and judged meanwhile, so a scan costs about the
  // larger of the two, not their sum. Nothing below can pass without it: finish() needs
  // signatureVerified.
  const verifying = ctx.trust ? verifyWithTrust(opened.value.envelope, ctx.trust) : null;
  // Should the content fail or throw first, the check's own outcome must not go unhandled.
  verifying?.catch(() => undefined);
  const claims = opened.value.claims();
  if (!claims.ok) return finish(withFormat(), [claims.reason]);
  if (!ctx.trust || !verifying) return finish(withFormat(), [{ code: 'NO_TRUST_BUNDLE' }]);
  const decoded = { ...opened.value.envelope, claims: claims.value };

  const trust = ctx.trust;
  const normaliseCtx = { valueSets: trust.bundle.valueSets ?? {} };
  const normalised = plugin.normalise(decoded, normaliseCtx);
  const content = plugin.check?.(decoded, normaliseCtx) ?? { problems: [], notes: [] };
  const judged = normalised.ok ? [...content.problems, ...judge(normalised.value, policy, ctx.now, trust)] : [];
  // A device-bound code's live presentation: its device signature runs beside the issuer's.
  const holding = normalised.ok ? checkHolder(plugin.holderKey?.(decoded), decoded.presentation) : Promise.resolve({ reasons: [] } as HolderCheck);
  holding.catch(() => undefined);
  // The verdict's trust part too, while the signature check runs.
  base();
  const key = await verifying;
  const reasons: Reason[] = key.ok ? [] : [key.reason];
  const withContent = (b: Base): Base => (content.notes.length ? { ...b, warnings: [...b.warnings, ...content.notes] } : b);
  if (!normalised.ok) return finish(withContent({ ...withFormat(), signatureVerified: key.ok }), [...reasons, normalised.reason, ...content.problems]);
  const held = await holding;
  const { presentedAt } = held;
  const credential: Credential = presentedAt ? { ...normalised.value, deviceBound: { ...normalised.value.deviceBound, presentedAt } } : normalised.value;
  reasons.push(...judged, ...held.reasons, ...(presentedAt ? presentationReasons(presentedAt, policy, ctx.now) : []));
  // An issuer the code names in a form we do not recognise: the signing key's issuer is the
  // trusted fact, for the name shown and the revocation lookup.
  const issuerId = credential.issuer.kind === 'unknown' && key.ok ? key.value.issuer : credential.issuer.id;
  const keyProblems = key.ok ? checkKey(key.value, credential) : [];
  if (key.ok) {
    reasons.push(...keyProblems);
    if (issuerId !== credential.issuer.id) reasons.push(...revocation(issuerId, credential, trust));
  }
  // The issuer's name is a fact only when its own key signed the code.
  const issuer = key.ok && !keyProblems.some((r) => r.code === 'ISSUER_MISMATCH') ? trust.issuer(issuerId) : undefined;
  return finish(withContent({ ...withFormat(), credential, signatureVerified: key.ok, ...(issuer ? { issuerName: issuer.names } : {}) }), reasons);
}

/** A plug-in without open(): its whole decode, as an envelope whose claims are already read. */
function openDecoded<C>(decoded: Result<Decoded<C>>): Result<Opened<C>> {
  if (!decoded.ok) return decoded;
  const { claims, ...envelope } = decoded.value;
  return { ok: true, value: { envelope, claims: () => ({ ok: true, value: claims }) } };
}

/** What the credential's content alone decides: revocation and the policy. */
function judge(credential: Credential, policy: Policy, now: Date, trust: Trust): Reason[] {
  const reasons = credential.issuer.kind === 'unknown' ? [] : revocation(credential.issuer.id, credential, trust);
  reasons.push(...decide(credential, policy, now, trust.bundle));
  return reasons;
}

/**
 * The code id in its format's canonical form (and as written, for sets built before canonical
 * forms), hashed with the issuer; the issue time decides entries that revoke only codes issued
 * before a time (docs/revocation.md).
 */
function revocation(issuerId: string, credential: Credential, trust: Trust): Reason[] {
  if (!credential.codeId || !trust.revokes) return [];
  const issuedAt = Date.parse(credential.issuedAt);
  for (const id of lookupIds(credential.format, credential.codeId))
    if (trust.isRevoked(revocationHashSync(issuerId, id), Number.isNaN(issuedAt) ? undefined : issuedAt)) return [{ code: 'REVOKED' }];
  return [];
}

/**
 * Strips leading line ends/tabs/BOM and trailing line ends/tabs in linear time (the equivalent
 * regex /[\r\n\t]+$/ backtracks quadratically over a long run of line ends inside a huge paste).
 */
function trimLineEnds(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && '\r\n\t\uFEFF'.includes(s[start]!)) start++;
  while (end > start && '\r\n\t'.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/** Trust-state failures (stale bundle, suspect clock) join every verdict's reasons, whatever else happened. */
function finish(full: Base, reasons: Reason[]): Verdict {
  const { stateFail, ...base } = full;
  const sorted = [...reasons, ...stateFail].sort(compareReasons);
  // Belt and braces: PASS needs a verified signature, so an unverified code can never pass silently.
  if (sorted.length === 0 && !base.signatureVerified) sorted.push({ code: 'INTERNAL_ERROR', detail: 'unverified without reason' });
  return { outcome: outcomeOf(sorted, base.signatureVerified), reasons: sorted, ...base };
}

function summarise(trust: Trust, now: Date, meta?: TrustMeta): TrustSummary {
  const { version, issuedAt, expiresAt } = trust.bundle;
  return { version, issuedAt, expiresAt, ...assessFreshness(trust.bundle, now, meta?.confirmedAt) };
}
