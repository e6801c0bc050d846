/**
 * The trust lifecycle against a real HTTP server on localhost: every fault leaves the previous
 * bundle in use, is reported with its own code, and a later good update still lands.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, pinnedRootFrom, type KeyPair } from '../../../issuer/keys.ts';
import { PROVINCES } from '../../../issuer/regions.ts';
import { buildBundle, signBundle } from '../../../issuer/sign-bundle.ts';
import { sha256, toBase64Url, utf8 } from '../../encoding/bytes.ts';
import { trustStateReasons } from '../../policy/trust-state.ts';
import type { PinnedRoot, RevocationListRef, RootRollover, SignedBundleFile } from '../bundle.ts';
import { buildRevocationSet } from '../revocation/build-set.ts';
import { revocationHash } from '../revocation/revocation-hash.ts';
import fc from 'fast-check';
import { memoryTrustStore, mergeFloor, type StoredBundle, type TrustFloor } from './trust-store.ts';
import { TrustUpdater } from './trust-updater.ts';
import type { UpdateErrorCode } from './update-error.ts';

const DAY = 86_400_000;
const T0 = new Date(Date.UTC(2026, 10, 24, 8, 0, 0));

let root: KeyPair;
let root2: KeyPair;
let stranger: KeyPair;
let gd: KeyPair;
let pinned: PinnedRoot;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
let server: Server;
let base: string;
const requests: { url: string; ifNoneMatch?: string }[] = [];

beforeAll(async () => {
  [root, root2, stranger, gd] = await Promise.all([
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256', 'root'),
    generateKeyPair('ES256'),
  ]);
  pinned = pinnedRootFrom(root.publicJwk);
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', ...(req.headers['if-none-match'] ? { ifNoneMatch: req.headers['if-none-match'] as string } : {}) });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections(); // the hanging-response faults leave connections open
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  requests.length = 0;
});

interface Make {
  version: number;
  by?: KeyPair[];
  roots?: RootRollover;
  revocations?: RevocationListRef[];
  issuedAt?: Date;
  extraIssuer?: boolean;
  /** Signed as is, past validation (buildBundle refuses what a gate must refuse). */
  rawVersion?: number;
}

async function make(o: Make): Promise<string> {
  const issuers = [{ id: '440000', kind: 'province' as const, names: PROVINCES['440000']! }];
  if (o.extraIssuer) issuers.push({ id: '310000', kind: 'province', names: PROVINCES['310000']! });
  const b = buildBundle({
    version: o.version,
    issuedAt: o.issuedAt ?? T0,
    expiresAt: new Date((o.issuedAt ?? T0).getTime() + 30 * DAY),
    issuers,
    keys: [{ issuer: '440000', jwk: gd.publicJwk, validFrom: T0, validUntil: new Date(T0.getTime() + 365 * DAY) }],
    ...(o.roots ? { roots: o.roots } : {}),
    ...(o.revocations ? { revocations: o.revocations } : {}),
  });
  if (o.rawVersion !== undefined) b.version = o.rawVersion;
  const signers = o.by ?? [root];
  const files = await Promise.all(signers.map((k) => signBundle(b, k.privateJwk)));
  const merged: SignedBundleFile = { payload: files[0]!.payload, signatures: files.flatMap((f) => f.signatures) };
  return JSON.stringify(merged);
}

/** Serves `body` with a strong ETag and 304 on a matching If-None-Match, like the demo server. */
function serveBundle(body: string, extra: Record<string, string> = {}): Handler {
  const etag = `"${body.length}-${body.slice(-24).replace(/[^A-Za-z0-9]/g, '')}"`;
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag, ...extra }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag, ...extra }).end(body);
  };
}

function updater(store = memoryTrustStore(), now = () => T0, timeoutMs = 2000) {
  return new TrustUpdater({ url: `${base}/trust/bundle.json`, roots: [pinned], store, now, timeoutMs });
}

async function withVersion2() {
  const store = memoryTrustStore();
  const u = updater(store);
  await u.start();
  handler = serveBundle(await make({ version: 2 }));
  expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 2 } });
  return { store, u };
}

describe('trust updater: the happy path', () => {
  it('starts empty, fetches, verifies, stores; a new run starts from storage', async () => {
    const { store, u } = await withVersion2();
    expect(u.snapshot.trust?.bundle.version).toBe(2);
    expect(u.snapshot.via).toBe('network');
    const again = updater(store);
    await again.start();
    expect(again.snapshot.trust?.bundle.version).toBe(2);
    expect(again.snapshot.via).toBe('storage');
  });

  it('revalidates with the ETag: a 304 keeps the bundle and refreshes confirmedAt', async () => {
    const { store } = await withVersion2();
    let now = T0;
    const u = updater(store, () => now);
    await u.start();
    now = new Date(T0.getTime() + 3 * 3600_000);
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'current' } });
    expect(requests.at(-1)?.ifNoneMatch).toBeTruthy();
    expect(u.snapshot.meta.confirmedAt).toBe(now.toISOString());
  });

  it('a newer version replaces the bundle in use', async () => {
    const { u } = await withVersion2();
    handler = serveBundle(await make({ version: 3, extraIssuer: true }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 3 } });
    expect(u.snapshot.trust?.issuer('310000')).toBeDefined();
  });
});

/** Each fault, then a good update: the fault must lose nothing, and must not block what comes after. */
const FAULTS: { name: string; code: UpdateErrorCode; setup: () => Promise<Handler | 'offline' | 'store-full'> }[] = [
  {
    name: 'truncated download (connection cut mid-body)',
    code: 'FETCH_INCOMPLETE',
    setup: async () => {
      const body = await make({ version: 9 });
      return (_req, res) => {
        res.writeHead(200, { 'content-length': String(body.length) });
        res.write(body.slice(0, body.length >> 1));
        setTimeout(() => res.destroy(), 20);
      };
    },
  },
  {
    name: 'truncated file served complete',
    code: 'BUNDLE_MALFORMED',
    setup: async () => {
      const body = await make({ version: 9 });
      return (_req, res) => res.writeHead(200).end(body.slice(0, body.length - 40));
    },
  },
  {
    name: 'bad signature',
    code: 'BUNDLE_SIGNATURE_INVALID',
    setup: async () => {
      const f = JSON.parse(await make({ version: 9 })) as SignedBundleFile;
      const s = f.signatures[0]!;
      s.signature = (s.signature[0] === 'A' ? 'B' : 'A') + s.signature.slice(1);
      return serveBundle(JSON.stringify(f));
    },
  },
  { name: 'signed by a root the app does not pin', code: 'BUNDLE_UNKNOWN_ROOT', setup: async () => serveBundle(await make({ version: 9, by: [stranger] })) },
  { name: 'older version (rollback)', code: 'BUNDLE_ROLLBACK', setup: async () => serveBundle(await make({ version: 1 })) },
  { name: 'same version, different content', code: 'BUNDLE_VERSION_CONFLICT', setup: async () => serveBundle(await make({ version: 2, extraIssuer: true })) },
  { name: 'malformed JSON', code: 'BUNDLE_MALFORMED', setup: async () => serveBundle('{"payload": "abc", "signatures": [') },
  { name: 'HTTP 404', code: 'FETCH_HTTP', setup: async () => (_q, res) => res.writeHead(404).end('not found') },
  { name: 'HTTP 500', code: 'FETCH_HTTP', setup: async () => (_q, res) => res.writeHead(500).end('oops') },
  { name: 'timeout (server never answers)', code: 'FETCH_TIMEOUT', setup: async () => () => {} },
  {
    name: 'timeout while the body trickles in',
    code: 'FETCH_TIMEOUT',
    setup: async () => (_q, res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write('{"payload":"');
    },
  },
  { name: 'offline (connection refused)', code: 'FETCH_OFFLINE', setup: async () => 'offline' },
  { name: 'storage quota exceeded', code: 'STORAGE_FAILED', setup: async () => 'store-full' },
];

describe('trust updater: faults lose nothing', () => {
  for (const f of FAULTS) {
    it(`${f.name} → ${f.code}; v2 stays in use; a later v10 lands`, async () => {
      const { store, u } = await withVersion2();
      const fault = await f.setup();
      const goodV9 = await make({ version: 9 });
      let refusing: Server | null = null;
      const updaterUnderTest =
        fault === 'offline'
          ? await (async () => {
              // A port with nothing listening: connection refused, as with no network.
              refusing = createServer();
              await new Promise<void>((r) => refusing!.listen(0, '127.0.0.1', r));
              const port = (refusing.address() as AddressInfo).port;
              await new Promise<void>((r) => refusing!.close(() => r()));
              const v = new TrustUpdater({ url: `http://127.0.0.1:${port}/trust/bundle.json`, roots: [pinned], store, now: () => T0, timeoutMs: 2000 });
              await v.start();
              return v;
            })()
          : u;
      if (fault === 'store-full') {
        store.failWrites = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        handler = serveBundle(goodV9);
      } else if (fault !== 'offline') handler = fault;

      const out = await updaterUnderTest.refresh();
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.reason.code, out.reason.detail).toBe(f.code);
      expect(updaterUnderTest.snapshot.trust?.bundle.version).toBe(2);
      expect(updaterUnderTest.snapshot.meta.lastError?.code).toBe(f.code);
      // What a restart would see: still v2.
      const restarted = updater(store);
      await restarted.start();
      expect(restarted.snapshot.trust?.bundle.version).toBe(2);

      store.failWrites = null;
      handler = serveBundle(await make({ version: 10 }));
      expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 10 } });
      expect(u.snapshot.meta.lastError).toBeUndefined();
    });
  }

  it('a run that dies mid-download leaves the stored bundle: a new run starts on v2 and updates', async () => {
    const { store, u } = await withVersion2();
    handler = () => {}; // hangs: the first run never finishes its update
    void u.refresh();
    await new Promise((r) => setTimeout(r, 50));
    const reopened = updater(store);
    await reopened.start();
    expect(reopened.snapshot.trust?.bundle.version).toBe(2);
    handler = serveBundle(await make({ version: 11 }));
    expect(await reopened.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 11 } });
  });

  it('a stored bundle damaged on disk is not used, and the damage is reported', async () => {
    const { store } = await withVersion2();
    const { bundle, meta } = await store.load();
    await store.swap({ ...bundle!, file: bundle!.file.replace(/"payload":\s*"./, '"payload":"Z') }, meta);
    const u = updater(store);
    await u.start();
    expect(u.snapshot.trust).toBeNull();
    expect(u.snapshot.meta.lastError?.code).toBe('STORED_BUNDLE_INVALID');
  });

  it('concurrent refreshes share one request', async () => {
    const { u } = await withVersion2();
    handler = serveBundle(await make({ version: 12 }));
    requests.length = 0;
    const [a, b] = await Promise.all([u.refresh(), u.refresh()]);
    expect(a).toEqual(b);
    expect(requests.length).toBe(1);
  });
});

describe('trust updater: root rollover', () => {
  it('a bundle announces the next root; later bundles signed by it alone are accepted, also after a restart', async () => {
    const store = memoryTrustStore();
    const u = updater(store);
    await u.start();
    // Signed by the pinned root alone but not announced: unknown.
    handler = serveBundle(await make({ version: 5, by: [root2] }));
    expect(await u.refresh()).toMatchObject({ ok: false, reason: { code: 'BUNDLE_UNKNOWN_ROOT' } });

    handler = serveBundle(await make({ version: 5, roots: { next: [pinnedRootFrom(root2.publicJwk)], retired: [] } }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 5 } });
    handler = serveBundle(await make({ version: 6, by: [root2] }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 6 } });

    const restarted = updater(store);
    await restarted.start();
    expect(restarted.snapshot.trust?.bundle.version).toBe(6);

    // The new root retires the old one: bundles signed by the old root alone are refused from now on.
    handler = serveBundle(await make({ version: 7, by: [root2], roots: { next: [], retired: [pinned.kid] } }));
    expect(await restarted.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 7 } });
    handler = serveBundle(await make({ version: 8, by: [root] }));
    expect(await restarted.refresh()).toMatchObject({ ok: false, reason: { code: 'BUNDLE_UNKNOWN_ROOT' } });
  });

  it('a bundle that retires the only root that signed it is refused', async () => {
    const { u } = await withVersion2();
    handler = serveBundle(await make({ version: 3, roots: { next: [], retired: [pinned.kid] } }));
    expect(await u.refresh()).toMatchObject({ ok: false, reason: { code: 'BUNDLE_ROOT_ROLLOVER' } });
    expect(u.snapshot.trust?.bundle.version).toBe(2);
  });

  it('an announced root must be named by its thumbprint', async () => {
    const { u } = await withVersion2();
    const fake = { ...pinnedRootFrom(root2.publicJwk), kid: pinned.kid.slice(0, -2) + 'AA' };
    handler = serveBundle(await make({ version: 3, roots: { next: [fake], retired: [] } }));
    expect(await u.refresh()).toMatchObject({ ok: false, reason: { code: 'BUNDLE_CONTENT_INVALID' } });
  });
});

describe('trust updater: revocation files beside the bundle', () => {
  async function listFor(ids: string[], id = 'national'): Promise<{ ref: RevocationListRef; bytes: Uint8Array }> {
    const bytes = buildRevocationSet(await Promise.all(ids.map((c) => revocationHash('440000', c))));
    return { ref: { id, count: ids.length, bytes: bytes.length, sha256: toBase64Url(await sha256(bytes)), href: `revocations/${id}.bin` }, bytes };
  }

  it('fetches the set, checks its pinned hash, and answers lookups', async () => {
    const { u } = await withVersion2();
    const { ref, bytes } = await listFor(['code-1', 'code-2']);
    const body = await make({ version: 3, revocations: [ref] });
    handler = (req, res) => (req.url === '/trust/revocations/national.bin' ? res.writeHead(200).end(bytes) : serveBundle(body)(req, res));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 3 } });
    const t = u.snapshot.trust!;
    expect(t.isRevoked(await revocationHash('440000', 'code-1'))).toBe(true);
    expect(t.isRevoked(await revocationHash('440000', 'code-3'))).toBe(false);
    expect(t.isRevoked(await revocationHash('310000', 'code-1'))).toBe(false);
  });

  it('a missing or altered set file keeps the previous bundle', async () => {
    const { u } = await withVersion2();
    const { ref, bytes } = await listFor(['code-1']);
    const body = await make({ version: 3, revocations: [ref] });
    handler = (req, res) => (req.url!.endsWith('.bin') ? res.writeHead(404).end() : serveBundle(body)(req, res));
    expect(await u.refresh()).toMatchObject({ ok: false, reason: { code: 'REVOCATION_UNAVAILABLE' } });
    const altered = bytes.slice();
    altered[altered.length - 1]! ^= 1;
    handler = (req, res) => (req.url!.endsWith('.bin') ? res.writeHead(200).end(altered) : serveBundle(body)(req, res));
    expect(await u.refresh()).toMatchObject({ ok: false, reason: { code: 'REVOCATION_MALFORMED' } });
    expect(u.snapshot.trust?.bundle.version).toBe(2);
  });

  it('an unchanged set is not downloaded again', async () => {
    const { u } = await withVersion2();
    const { ref, bytes } = await listFor(['code-1']);
    let downloads = 0;
    const serveWith = (body: string): Handler => (req, res) => {
      if (req.url!.endsWith('.bin')) {
        downloads++;
        return res.writeHead(200).end(bytes);
      }
      serveBundle(body)(req, res);
    };
    handler = serveWith(await make({ version: 3, revocations: [ref] }));
    await u.refresh();
    handler = serveWith(await make({ version: 4, revocations: [ref], extraIssuer: true }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 4 } });
    expect(downloads).toBe(1);
  });
});

describe('trust updater: clock evidence', () => {
  it("records the server's Date; a device clock far from it is CLOCK_SUSPECT", async () => {
    const store = memoryTrustStore();
    const device = new Date(T0.getTime() - 2 * 3600_000); // two hours behind the server
    const u = updater(store, () => device);
    await u.start();
    handler = serveBundle(await make({ version: 2, issuedAt: new Date(T0.getTime() - 5 * DAY) }), { date: T0.toUTCString() });
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 2 } });
    const r = trustStateReasons(u.snapshot.trust!.bundle, device, u.trustMeta);
    expect(r.warn.map((x) => x.code)).toEqual(['CLOCK_SUSPECT']);
    expect(r.warn[0]!.detail).toContain('server');
  });

  it('a clock set back behind the latest time seen is CLOCK_SUSPECT; latest-seen never moves back', async () => {
    const store = memoryTrustStore();
    let now = T0;
    const u = updater(store, () => now);
    await u.start();
    handler = serveBundle(await make({ version: 2, issuedAt: new Date(T0.getTime() - 10 * DAY) }), { date: T0.toUTCString() });
    await u.refresh();
    now = new Date(T0.getTime() + 2 * DAY);
    await u.noteTime();
    now = new Date(T0.getTime() + DAY); // set back one day
    await u.noteTime();
    expect(u.snapshot.meta.clock.latestSeen).toBe(new Date(T0.getTime() + 2 * DAY).toISOString());
    expect(trustStateReasons(u.snapshot.trust!.bundle, now, u.trustMeta).warn.map((x) => x.code)).toEqual(['CLOCK_SUSPECT']);
    // Back to a sane time: no suspicion.
    now = new Date(T0.getTime() + 2 * DAY + 60_000);
    expect(trustStateReasons(u.snapshot.trust!.bundle, now, u.trustMeta).warn).toEqual([]);
  });
});

describe('trust updater: the floor outlives a damaged stored bundle (issue 17, item 2)', () => {
  /** v5 announces root2; v14, signed by root2, retires the pinned root; then the stored bundle is damaged and the gate restarts. */
  async function v14ThenDamaged() {
    const store = memoryTrustStore();
    const u = updater(store);
    await u.start();
    handler = serveBundle(await make({ version: 5, roots: { next: [pinnedRootFrom(root2.publicJwk)], retired: [] } }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 5 } });
    handler = serveBundle(await make({ version: 14, by: [root2], roots: { next: [], retired: [pinned.kid] } }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 14 } });
    const { bundle, meta } = await store.load();
    await store.swap({ ...bundle!, file: bundle!.file.replace(/"payload":\s*"./, '"payload":"Z') }, meta);
    const restarted = updater(store);
    await restarted.start();
    expect(restarted.snapshot.trust).toBeNull();
    expect(restarted.snapshot.meta.lastError?.code).toBe('STORED_BUNDLE_INVALID');
    return { store, u: restarted };
  }

  it('an older version or a bundle signed by the retired root is refused; the same v14 repairs the store; a newer one lands', async () => {
    const { store, u } = await v14ThenDamaged();
    const refusals: [Make, UpdateErrorCode][] = [
      [{ version: 3 }, 'BUNDLE_UNKNOWN_ROOT'], // the retired root, and old
      [{ version: 15 }, 'BUNDLE_UNKNOWN_ROOT'], // the retired root, even when newer
      [{ version: 3, by: [root2] }, 'BUNDLE_ROLLBACK'],
      [{ version: 14, by: [root2], roots: { next: [], retired: [pinned.kid] }, extraIssuer: true }, 'BUNDLE_VERSION_CONFLICT'],
    ];
    for (const [m, code] of refusals) {
      handler = serveBundle(await make(m));
      const out = await u.refresh();
      expect(out, JSON.stringify(m)).toMatchObject({ ok: false, reason: { code } });
      expect(u.snapshot.trust).toBeNull();
    }
    // The v14 the device had, fetched again: accepted as the repair of the damaged copy.
    handler = serveBundle(await make({ version: 14, by: [root2], roots: { next: [], retired: [pinned.kid] } }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 14 } });
    const again = updater(store);
    await again.start();
    expect(again.snapshot.trust?.bundle.version).toBe(14);
    handler = serveBundle(await make({ version: 15, by: [root2] }));
    expect(await again.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 15 } });
  });

  it('a failed load never lowers the floor, and neither does a failed update', async () => {
    const { store, u } = await v14ThenDamaged();
    const floor = (await store.load()).floor;
    expect(floor).toMatchObject({ version: 14, retiredRoots: [pinned.kid], learnedRoots: [pinnedRootFrom(root2.publicJwk)] });
    handler = serveBundle(await make({ version: 3, by: [root2] }));
    await u.refresh();
    const restarted = updater(store);
    await restarted.start();
    expect((await store.load()).floor).toEqual(floor);
  });

  it('a device from before the floor record: the floor is derived from its stored bundle when that verifies', async () => {
    const file = await make({ version: 7, roots: { next: [pinnedRootFrom(root2.publicJwk)], retired: [] } });
    const old: StoredBundle = { file, version: 7, revocationFiles: {}, learnedRoots: [pinnedRootFrom(root2.publicJwk)], retiredRoots: [], source: `${base}/trust/bundle.json`, fetchedAt: T0.toISOString() };
    const store = memoryTrustStore({ bundle: old });
    const u = updater(store);
    await u.start();
    expect(u.snapshot.trust?.bundle.version).toBe(7);
    expect((await store.load()).floor).toMatchObject({ version: 7, learnedRoots: [pinnedRootFrom(root2.publicJwk)], retiredRoots: [] });
    // Damage it now: the floor derived at the last start still holds.
    const { meta } = await store.load();
    await store.swap({ ...old, file: file.replace(/"payload":\s*"./, '"payload":"Z') }, meta);
    const restarted = updater(store);
    await restarted.start();
    handler = serveBundle(await make({ version: 6 }));
    expect(await restarted.refresh()).toMatchObject({ ok: false, reason: { code: 'BUNDLE_ROLLBACK' } });
    handler = serveBundle(await make({ version: 8, by: [root2] }));
    expect(await restarted.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 8 } });
  });

  it('a stored bundle that does not verify is no floor: nothing is derived from it', async () => {
    const file = await make({ version: 7 });
    const damaged: StoredBundle = { file: file.replace(/"payload":\s*"./, '"payload":"Z'), version: 7, revocationFiles: {}, learnedRoots: [], retiredRoots: [pinned.kid], source: `${base}/trust/bundle.json`, fetchedAt: T0.toISOString() };
    const store = memoryTrustStore({ bundle: damaged });
    const u = updater(store);
    await u.start();
    expect((await store.load()).floor).toBeNull();
    handler = serveBundle(await make({ version: 8 }));
    expect(await u.refresh()).toEqual({ ok: true, value: { kind: 'updated', version: 8 } });
  });

  it('the store never lowers a floor it is given (two tabs, or an older writer)', async () => {
    const store = memoryTrustStore();
    const r2 = pinnedRootFrom(root2.publicJwk);
    await store.saveFloor({ version: 14, payloadSha256: 'a', learnedRoots: [r2], retiredRoots: [pinned.kid] });
    await store.saveFloor({ version: 9, payloadSha256: 'b', learnedRoots: [], retiredRoots: [] });
    expect((await store.load()).floor).toEqual({ version: 14, payloadSha256: 'a', learnedRoots: [r2], retiredRoots: [pinned.kid] });
    await store.saveFloor({ version: 20, payloadSha256: 'c', learnedRoots: [], retiredRoots: [stranger.kid] });
    expect((await store.load()).floor).toEqual({ version: 20, payloadSha256: 'c', learnedRoots: [r2], retiredRoots: [pinned.kid, stranger.kid] });
  });
});

describe('mergeFloor', () => {
  it('never lowers the version, never forgets a retired root, never keeps a retired root as learned, whatever the order', () => {
    const kids = ['a', 'b', 'c', 'd'];
    const rootFor = (kid: string): PinnedRoot => ({ ...pinned, kid });
    const floorArb = fc.record({
      version: fc.integer({ min: 1, max: 2 ** 50 }),
      payloadSha256: fc.constantFrom('h1', 'h2'),
      learnedRoots: fc.uniqueArray(fc.constantFrom(...kids)).map((ks) => ks.map(rootFor)),
      retiredRoots: fc.uniqueArray(fc.constantFrom(...kids)),
    });
    fc.assert(
      fc.property(fc.array(floorArb, { minLength: 1, maxLength: 6 }), (floors: TrustFloor[]) => {
        let f: TrustFloor | null = null;
        for (const next of floors) {
          const merged: TrustFloor = mergeFloor(f, next);
          expect(merged.version).toBe(Math.max(f?.version ?? 0, next.version));
          for (const k of [...(f?.retiredRoots ?? []), ...next.retiredRoots]) expect(merged.retiredRoots).toContain(k);
          for (const r of merged.learnedRoots) expect(merged.retiredRoots).not.toContain(r.kid);
          f = merged;
        }
      }),
      { seed: 17, numRuns: 500 },
    );
  });
});

describe('trust updater: version ceiling (issue 17, item 3)', () => {
  it('a root-signed bundle above 2^50 is refused and v2 stays in use', async () => {
    const { u } = await withVersion2();
    handler = serveBundle(await make({ version: 3, rawVersion: 2 ** 50 + 1 }));
    const out = await u.refresh();
    expect(out).toMatchObject({ ok: false, reason: { code: 'BUNDLE_CONTENT_INVALID', detail: expect.stringMatching(/2\^50/) } });
    expect(u.snapshot.trust?.bundle.version).toBe(2);
  });
});
