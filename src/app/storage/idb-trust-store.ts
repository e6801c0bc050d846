/** TrustStore over IndexedDB: the bundle and its meta swap in one transaction, so a crash leaves one or the other. */
import type { StoredBundle, TrustMetaRecord, TrustStore } from '../../core/trust/update/trust-store.ts';
import { openGatecheckDB } from './db.ts';

export function idbTrustStore(): TrustStore {
  return {
    async load() {
      const d = await openGatecheckDB();
      const tx = d.transaction(['trust-bundle', 'trust-meta'], 'readonly');
      const [bundle, meta] = await Promise.all([tx.objectStore('trust-bundle').get('current'), tx.objectStore('trust-meta').get('meta'), tx.done]);
      return { bundle: bundle ?? null, meta: meta ?? { clock: {} } };
    },
    async swap(bundle: StoredBundle, meta: TrustMetaRecord) {
      const d = await openGatecheckDB();
      const tx = d.transaction(['trust-bundle', 'trust-meta'], 'readwrite');
      // Both puts and the commit in one await: a failure in either aborts both.
      await Promise.all([tx.objectStore('trust-bundle').put(bundle, 'current'), tx.objectStore('trust-meta').put(meta, 'meta'), tx.done]);
    },
    async saveMeta(meta: TrustMetaRecord) {
      const d = await openGatecheckDB();
      await d.put('trust-meta', meta, 'meta');
    },
  };
}
