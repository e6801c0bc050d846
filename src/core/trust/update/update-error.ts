/** Why a trust update did not land. The previous bundle stays in use in every case. */
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

export interface UpdateError {
  code: UpdateErrorCode;
  detail?: string;
}
