/**
 * What the EU DCC's specification says of the content beyond what normalise reads. Problems fail
 * the code: a payload with no DCC in it, or with several events (the specification allows one
 * vaccination, test or recovery per certificate). Notes are shown with the verdict but do not
 * decide it: the published JSON Schema of the payload's version and value-set membership — a
 * validly signed certificate from a real issuer is judged on what it says, as far as we
 * understand it, not refused for how it is written.
 */
import type { Reason } from '../../model/reasons.ts';
import type { ContentFindings, Decoded, NormaliseContext } from '../format.ts';
import type { DccClaims } from './decode.ts';
import { dccJson } from './dcc-json.ts';
import { presentGroups } from './events.ts';
import { validateDcc } from './schema/validate.ts';
import { valueSetMisses } from './value-set-check.ts';

export function check(decoded: Decoded<DccClaims>, ctx: NormaliseContext): ContentFindings {
  if (!(decoded.claims instanceof Map)) return { problems: [], notes: [] };
  const json = dccJson(decoded.claims);
  if (!json.ok) return { problems: [json.reason], notes: [] };
  const { raw, clean } = json.value;
  const problems: Reason[] = [];
  const groups = presentGroups(clean);
  const count = groups.reduce((n, g) => n + (Array.isArray(clean[g]) ? (clean[g] as unknown[]).length : 1), 0);
  if (groups.length > 1 || count > 1) problems.push({ code: 'MULTIPLE_EVENTS', detail: `${count} events in groups ${groups.join(', ')}` });
  const notes: Reason[] = [];
  const schema = validateDcc(raw);
  if (!schema.ok) notes.push(schema.reason);
  const misses = valueSetMisses(clean, ctx.valueSets);
  if (misses.length) notes.push({ code: 'VALUE_NOT_IN_VALUE_SET', detail: misses.map((m) => `${m.field} ${m.code} (${m.valueSet})`).join('; ').slice(0, 200) });
  return { problems, notes };
}
