/**
 * TrustStore over IndexedDB: the bundle, its meta and the floor swap in one transaction, so a
 * crash leaves the old state or the new one. The floor is merged with the stored record inside
 * that transaction (mergeFloor), so it never goes down, even with two tabs writing.
 */
import { mergeFloor, type StoredBundle, type TrustFloor, type TrustMetaRecord, type TrustStore } from '../../core/trust/update/trust-store.ts';
import { openGatecheckDB } from './db.ts';

export function idbTrustStore(): TrustStore {
  return {
    async load() {
      const d = await openGatecheckDB();
      const tx = d.transaction(['trust-bundle', 'trust-meta', 'trust-floor'], 'readonly');
      const [bundle, meta, floor] = await Promise.all([
        tx.objectStore('trust-bundle').get('current'),
        tx.objectStore('trust-meta').get('meta'),
        tx.objectStore('trust-floor').get('floor'),
        tx.done,
      ]);
      return { bundle: bundle ?? null, meta: meta ?? { clock: {} }, floor: floor ?? null };
    },
    async swap(bundle: StoredBundle, meta: TrustMetaRecord, floor?: TrustFloor) {
      const d = await openGatecheckDB();
      const tx = d.transaction(['trust-bundle', 'trust-meta', 'trust-floor'], 'readwrite');
      const raise = async () => {
        if (!floor) return;
        const store = tx.objectStore('trust-floor');
        await store.put(mergeFloor(await store.get('floor'), floor), 'floor');
      };
      // Every request and the commit in one await: a failure in any aborts them all.
      await Promise.all([tx.objectStore('trust-bundle').put(bundle, 'current'), tx.objectStore('trust-meta').put(meta, 'meta'), raise(), tx.done]);
    },
    async saveMeta(meta: TrustMetaRecord) {
      const d = await openGatecheckDB();
      await d.put('trust-meta', meta, 'meta');
    },
    async saveFloor(floor: TrustFloor) {
      const d = await openGatecheckDB();
      const tx = d.transaction('trust-floor', 'readwrite');
      const raise = async () => tx.store.put(mergeFloor(await tx.store.get('floor'), floor), 'floor');
      await Promise.all([raise(), tx.done]);
    },
  };
}
