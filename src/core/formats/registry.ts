/**
 * Known formats with their decoders, tried in order by detect.
 *
 * Adding a format: a folder `src/core/formats/<id>/` holding
 * - `constants.ts` (FORMAT_ID, prefixes, limits), `detect.ts` (cheap: prefix or shape),
 *   `decode.ts` (text → Decoded: envelope + claims, failures as Result reasons), `normalise.ts`
 *   (claims → Credential), optionally `content-check.ts` (FormatPlugin.check) and `chunks.ts`;
 * - `reasons.ts`: the reason codes only this format produces, `as const`, each with its zh-CN/en
 *   texts, its class (not-read or fail) and its rank (`after` an existing code); codes that shared
 *   code (encoding, pipeline, trust, policy) produces stay in model/reasons.ts;
 * - `revocation-id.ts` when its code ids have a canonical form (else EXACT_IDS, or nothing);
 * - `field-labels.ts` when staff should see words for the fields of its unknown values;
 * - `info.ts`: the FormatInfo (id, reasons, revocationId, fieldLabels), typed
 *   `FormatInfo<ItsReasonCode>` (`never` when it has no reasons) — only light imports;
 * - `index.ts`: the plug-in `{ ...info, detect, decode, normalise, … }`, typed
 *   `FormatPlugin<Claims, ItsReasonCode>`, plus the layers its tests and tools use;
 * - tests beside them. Nothing that signs: encoders live in `src/issuer/formats/<id>/`.
 * Then one line in each list: its info in catalog.ts, its plug-in in PLUGINS below (same order;
 * registry.test.ts and reasons.test.ts check both, and tsc checks every reason code named).
 */
import { cnHealthCode } from './cn-hc/index.ts';
import { euDcc } from './eu-dcc/index.ts';
import type { FormatPlugin } from './format.ts';
import { nzcp } from './nzcp/index.ts';
import { smartHealthCard } from './shc/index.ts';
import { vdsNc } from './vds-nc/index.ts';

const PLUGINS = [cnHealthCode, euDcc, vdsNc, smartHealthCard, nzcp] as const;

export const FORMATS: readonly FormatPlugin<any>[] = PLUGINS;

export const detectFormat = (text: string): FormatPlugin<any> | undefined => FORMATS.find((f) => f.detect(text));
