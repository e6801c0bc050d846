/**
 * Known formats as core knows them without their decoders (FormatInfo): their own reason codes,
 * revocation-id rules and field labels. Light on purpose: reason texts and ranks are needed to
 * paint any screen, and the app loads the decoders (registry.ts) only after its first paint.
 * Same formats, same order as registry.ts (registry.test.ts checks it).
 */
import { cnHealthCodeInfo } from './cn-hc/info.ts';
import { euDccInfo } from './eu-dcc/info.ts';
import type { FormatInfo, FormatReason } from './format.ts';
import { nzcpInfo } from './nzcp/info.ts';
import { smartHealthCardInfo } from './shc/info.ts';
import { vdsNcInfo } from './vds-nc/info.ts';

const INFOS = [cnHealthCodeInfo, euDccInfo, vdsNcInfo, smartHealthCardInfo, nzcpInfo] as const;

export const FORMAT_INFOS: readonly FormatInfo[] = INFOS;

/** The format with this id; undefined for an unknown or empty id. */
export const formatInfo = (id: string | undefined): FormatInfo | undefined => FORMAT_INFOS.find((f) => f.id === id);

type CodesOf<F> = F extends { reasons?: readonly FormatReason<infer Code>[] } ? Code : never;

/** The reason codes the known formats declare (in their folders' reasons.ts). */
export type FormatReasonCode = CodesOf<(typeof INFOS)[number]>;

/** Every format's own reasons, in catalogue order (model/reasons.ts merges them into the ranking). */
export const FORMAT_REASONS: readonly FormatReason<FormatReasonCode>[] = INFOS.flatMap((f): readonly FormatReason<FormatReasonCode>[] => f.reasons ?? []);
