/**
 * Why a trust update did not land. The previous bundle stays in use in every case. Not verdict
 * reasons (the status line shows them, src/app/i18n/strings.ts), but the same Failure shape as
 * every other error value: `Result<T, UpdateErrorCode>`.
 */
import type { Failure, Result } from '../../result.ts';
import type { BundleErrorCode } from '../bundle.ts';

export type UpdateErrorCode =
  | BundleErrorCode
  /** Older version than the one in use: a replayed or rolled-back file. */
  | 'BUNDLE_ROLLBACK'
  /** Same version as the one in use, different content: a publishing error or an attack. */
  | 'BUNDLE_VERSION_CONFLICT'
  /** The bundle retires every root that signed it. */
  | 'BUNDLE_ROOT_ROLLOVER'
  | 'FETCH_OFFLINE'
  | 'FETCH_TIMEOUT'
  | 'FETCH_HTTP'
  /** The connection broke while the body was arriving. */
  | 'FETCH_INCOMPLETE'
  | 'STORAGE_FAILED'
  /** The bundle kept on the device no longer verifies (storage damaged, or roots changed). */
  | 'STORED_BUNDLE_INVALID';

export type UpdateError = Failure<UpdateErrorCode>;

/** A step of the update: its value, or why the update stops there. */
export type UpdateResult<T> = Result<T, UpdateErrorCode>;

/** A thrown platform error (fetch, IndexedDB) as a short detail: its name says the most. */
export function errName(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unknown';
}
