import type { ReasonCode } from './model/reasons.ts';

/** A failure as a value: a code from a closed set plus technical detail (never personal data). */
export interface Failure<C extends string = ReasonCode> {
  code: C;
  detail?: string;
}

/**
 * Every pipeline step returns a Result: failures are values with reason codes, never throws. The
 * one failure shape from reader to UI: verdict steps use the default code set (ReasonCode); other
 * domains pass their own closed set as `C` — picture reading (src/read/image-read.ts), the trust
 * updater (trust/update/update-error.ts), the wasm loader (src/read/qr-decode.wasm.ts).
 */
export type Result<T, C extends string = ReasonCode> = { ok: true; value: T } | { ok: false; reason: Failure<C> };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export function fail<C extends string = ReasonCode>(code: C, detail?: string): { ok: false; reason: Failure<C> } {
  return { ok: false, reason: detail === undefined ? { code } : { code, detail } };
}
