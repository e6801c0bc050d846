/**
 * Live presentations of device-bound codes (CN v1.1), as the checkpoint policy sees them: how far
 * from the gate's clock a presentation's time slot may lie, and whether unbound codes pass at all.
 * The device signature itself is the pipeline's (pipeline/holder.ts); this is time and policy.
 */
import type { Credential } from '../model/credential.ts';
import type { Reason } from '../model/reasons.ts';
import type { Policy } from './policy.ts';

/** The window when the policy names none (the same as the CN format's DEFAULT_PRESENTATION_WINDOW_S). */
export const DEFAULT_WINDOW_S = 60;
/** Below one slot either side a gate with a slightly wrong clock refuses live codes; above ten minutes a screenshot lives too long. */
export const MIN_WINDOW_S = 10;
export const MAX_WINDOW_S = 600;

export const windowOf = (policy: Policy): number => policy.presentation?.windowSeconds ?? DEFAULT_WINDOW_S;

/** What a policy requiring bound codes says of an unbound one: the rule's texts name the gate's demand. */
export const DEVICE_BOUND_RULE = {
  id: 'device-bound-required',
  texts: { 'zh-CN': '此处须出示绑定持码人手机的实时健康码', en: "A live health code bound to the holder's phone is required here" },
};

/** requireBound: an unbound code fails, whatever else it shows. */
export function bindingReasons(credential: Credential, policy: Policy): Reason[] {
  if (!policy.presentation?.requireBound || credential.deviceBound) return [];
  return [{ code: 'PRESENTATION_REQUIRED', detail: 'the checkpoint policy requires a device-bound code', rule: DEVICE_BOUND_RULE }];
}

/**
 * A presentation whose device signature verified, shown at `presentedAt` (its slot's start): stale
 * when more than the window from now either way. Exactly at the window's edge still passes.
 */
export function presentationReasons(presentedAt: string, policy: Policy, now: Date): Reason[] {
  const window = windowOf(policy);
  const offset = now.getTime() - Date.parse(presentedAt);
  if (Math.abs(offset) <= window * 1000) return [];
  const secs = Math.round(Math.abs(offset) / 1000);
  return [{ code: 'PRESENTATION_STALE', detail: `slot starts ${secs} s ${offset > 0 ? 'before' : 'after'} the gate's clock (window ±${window} s)` }];
}
