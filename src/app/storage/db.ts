/**
 * The app's one IndexedDB database. Every store holds trust data, settings or counts — never a
 * name, an ID number or a raw code. New stores come with a version bump and an upgrade step.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredBundle, TrustMetaRecord } from '../../core/trust/update/trust-store.ts';

export const DB_NAME = 'gatecheck';

export interface GatecheckDB extends DBSchema {
  /** The verified signed bundle in use, under the key 'current'. */
  'trust-bundle': { key: 'current'; value: StoredBundle };
  /** Update and clock state beside it, under the key 'meta'. */
  'trust-meta': { key: 'meta'; value: TrustMetaRecord };
}

let db: Promise<IDBPDatabase<GatecheckDB>> | null = null;

export function openGatecheckDB(): Promise<IDBPDatabase<GatecheckDB>> {
  db ??= openDB<GatecheckDB>(DB_NAME, 1, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        d.createObjectStore('trust-bundle');
        d.createObjectStore('trust-meta');
      }
    },
  }).catch((e) => {
    db = null; // let a later call try again (e.g. after the user frees space)
    throw e;
  });
  return db;
}
