/** The text a gate shows for one verdict reason: a failed policy rule speaks with its own words. */
import type { Reason } from '../model/reasons.ts';
import { reasonText, type Lang } from './reason-texts.ts';

export function verdictReasonText(r: Reason, lang: Lang): string {
  if (!r.rule) return reasonText(r.code, lang);
  // A rule that could not be evaluated: say so, and which requirement it was.
  return r.code === 'POLICY_RULE_ERROR' ? `${reasonText(r.code, lang)}: ${r.rule.texts[lang]}` : r.rule.texts[lang];
}
