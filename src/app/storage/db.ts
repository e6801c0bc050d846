/**
 * The app's one IndexedDB database. Every store holds trust data, settings or counts — never a
 * name, an ID number or a raw code. New stores come with a version bump and an upgrade step.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredBundle, TrustFloor, TrustMetaRecord } from '../../core/trust/update/trust-store.ts';
import type { Settings } from '../settings/settings.ts';
import type { StatsKey, StatsRow } from '../stats/stats-model.ts';

export const DB_NAME = 'gatecheck';
export const DB_VERSION = 3;

export interface GatecheckDB extends DBSchema {
  /** The verified signed bundle in use, under the key 'current'. */
  'trust-bundle': { key: 'current'; value: StoredBundle };
  /** Update and clock state beside it, under the key 'meta'. */
  'trust-meta': { key: 'meta'; value: TrustMetaRecord };
  /**
   * (v2) The gate's settings under the key 'current'. Read back through validateSettings, since a
   * stored record may come from an older app or be damaged.
   */
  settings: { key: 'current'; value: Settings };
  /**
   * (v2) Verdict counters, keyed in line by [hour, outcome, reason, format] (see stats-model.ts).
   * The hour comes first, so a key range on [hour] selects a time span and pruning is one delete.
   */
  stats: { key: StatsKey; value: StatsRow };
  /**
   * (v3) The trust floor under the key 'floor': highest bundle version accepted, learned and
   * retired roots. Written in the same transaction as each accepted bundle and never lowered, so
   * a damaged 'trust-bundle' record cannot take it along. A device upgrading from v2 has none:
   * the trust updater derives it from the stored bundle once that verifies (an upgrade step
   * cannot: verifying is asynchronous WebCrypto, and a versionchange transaction cannot wait).
   */
  'trust-floor': { key: 'floor'; value: TrustFloor };
}

let db: Promise<IDBPDatabase<GatecheckDB>> | null = null;

export function openGatecheckDB(): Promise<IDBPDatabase<GatecheckDB>> {
  db ??= openDB<GatecheckDB>(DB_NAME, DB_VERSION, {
    // Steps only add: a device upgrading from v1 keeps its trust bundle, so it can verify offline
    // straight after the app update. Never delete or rewrite a store here.
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('trust-bundle');
        d.createObjectStore('trust-meta');
      }
      if (oldVersion < 2) {
        d.createObjectStore('settings');
        d.createObjectStore('stats', { keyPath: ['hour', 'outcome', 'reason', 'format'] });
      }
      if (oldVersion < 3) d.createObjectStore('trust-floor');
    },
    // A newer app version in another tab wants to upgrade: close this connection rather than
    // stall it (a page on the old version should reload anyway). The next call here reopens.
    blocking() {
      void db?.then((d) => d.close());
      db = null;
    },
  }).catch((e) => {
    db = null; // let a later call try again (e.g. after the user frees space)
    throw e;
  });
  return db;
}
