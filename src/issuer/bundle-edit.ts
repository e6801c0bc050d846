/**
 * Load, bump and re-sign a trust bundle: the one path every editing command (`bundle import-dcc`,
 * `import-jwks`, `import-csca`, `policies`, `revoke`, `set`) takes, and the input check of
 * `bundle sign`. An operator edits or signs only a bundle that verifies against a root they name
 * (a signing root, or a --trust-root), the version strictly increases and stays at most 2^50,
 * issuedAt is now, the validity length is kept, and the result is validated and checked against
 * every signing root before it is returned.
 */
import { publicPart, type EcPublicJwk } from '../core/crypto/jwk.ts';
import { fromBase64Url, fromUtf8 } from '../core/encoding/bytes.ts';
import { MAX_BUNDLE_VERSION, type PinnedRoot, type SignedBundleFile, type TrustBundle } from '../core/trust/bundle.ts';
import { validateBundle } from '../core/trust/validate-bundle.ts';
import { verifyBundle } from '../core/trust/verify-bundle.ts';
import { canonicalJson, diffBundles, formatDiff } from './bundle-diff.ts';
import { pinnedRootFrom } from './keys.ts';
import { signBundle, signPayload, type RootSigningKey } from './sign-bundle.ts';

// Field updates of `bundle set` and `bundle sign`, kept importable from here.
export { updateFreshness, updateRoots } from './bundle-settings.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A bundle file as read, before any trust decision: the signed envelope (if any) and the decoded payload. */
export interface DecodedBundle {
  /** Present when the text was a signed file (JWS JSON). */
  signed?: SignedBundleFile;
  /** The payload, decoded but not validated. */
  content: unknown;
  /** Root kids named in the signature headers (unverified). */
  signerKids: string[];
}

/** The root kid a signature's protected header names (unverified), if readable. */
export function signatureKid(sig: unknown): string | undefined {
  try {
    const h = JSON.parse(fromUtf8(fromBase64Url((sig as { protected: string }).protected)));
    return typeof h?.kid === 'string' ? h.kid : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a signed bundle file or a plain (unsigned) payload JSON. Throws on text that is neither. */
export function decodeBundleText(text: string): DecodedBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  if (!isObj(json)) throw new Error('not a JSON object');
  if (typeof json.payload === 'string' && Array.isArray(json.signatures)) {
    let content: unknown;
    try {
      content = JSON.parse(fromUtf8(fromBase64Url(json.payload)));
    } catch {
      throw new Error('payload is not base64url JSON');
    }
    const signerKids = (json.signatures as unknown[]).map(signatureKid).filter((k): k is string => k !== undefined);
    return { signed: json as unknown as SignedBundleFile, content, signerKids };
  }
  if (json.type !== undefined && json.schema !== undefined) return { content: json, signerKids: [] };
  throw new Error('neither a signed bundle file (payload, signatures) nor a bundle payload');
}

/** The pinned-root form of a root private key (its public part). */
export const rootPublic = (root: RootSigningKey): PinnedRoot => pinnedRootFrom(publicPart(root) as EcPublicJwk & { kid: string; alg: RootSigningKey['alg'] });

/** The roots an input is checked against: the signing roots' public parts, then every --trust-root (each kid once). */
export function trustSet(roots: readonly RootSigningKey[], extra: readonly PinnedRoot[] = []): PinnedRoot[] {
  const out = new Map<string, PinnedRoot>();
  for (const r of [...roots.map(rootPublic), ...extra]) if (!out.has(r.kid)) out.set(r.kid, r);
  return [...out.values()];
}

/** Verifies a signed bundle file against `trust`, or throws naming the file, the roots, the reason and the file's signers. */
async function verifyOrThrow(text: string, trust: readonly PinnedRoot[], what: string, refusal: string): Promise<TrustBundle> {
  if (trust.length === 0) throw new Error(`no root to check ${what} against`);
  const r = await verifyBundle(text, trust);
  if (r.ok) return r.value;
  let signers = '';
  try {
    signers = decodeBundleText(text).signerKids.join(', ');
  } catch {
    /* reported by the code below */
  }
  throw new Error(
    `${what} does not verify against ${trust.map((t) => t.kid).join(', ')}: ${r.reason.code}${r.reason.detail ? ` (${r.reason.detail})` : ''}` +
      (signers ? `; it is signed by ${signers}` : '') +
      ` — ${refusal}`,
  );
}

/**
 * Opens a signed bundle for editing: it must verify against one of `trust` (the public parts of
 * the signing roots and any --trust-root). An operator never re-signs what no root of theirs signed.
 */
export function openForEdit(text: string, trust: readonly PinnedRoot[]): Promise<TrustBundle> {
  return verifyOrThrow(text, trust, 'input bundle', 'refusing to re-sign a bundle this root did not sign (use --trust-root for a previous root)');
}

export interface OpenedForSign {
  bundle: TrustBundle;
  /** The signed file, when the input was one (absent for an unsigned payload). */
  signed?: SignedBundleFile;
  /** The input's signatures that verify, each alone, against the root of `trust` its header names. */
  verified: { kid: string; signature: SignedBundleFile['signatures'][number] }[];
  /** The input's other signatures, and why they are not kept. */
  dropped: { kid: string; why: string }[];
}

/**
 * The input check of `bundle sign`. A signed input must verify against `trust`, like an edit's;
 * every signature is then checked on its own, so `--keep-signatures` keeps only those that verify.
 * An unsigned payload cannot be verified: it is taken only with `allowUnsigned` (--unsigned), and
 * validated.
 */
export async function openForSign(text: string, opts: { trust: readonly PinnedRoot[]; allowUnsigned?: boolean }): Promise<OpenedForSign> {
  const decoded = decodeBundleText(text);
  if (!decoded.signed) {
    if (!opts.allowUnsigned)
      throw new Error('input is an unsigned payload, which nothing can verify: give --unsigned to sign a payload you wrote or checked yourself');
    const valid = validateBundle(decoded.content);
    if (!valid.ok) throw new Error(`input is invalid: ${valid.reason.detail ?? valid.reason.code}`);
    return { bundle: valid.value, verified: [], dropped: [] };
  }
  const bundle = await verifyOrThrow(text, opts.trust, 'input bundle', 'refusing to sign it (use --trust-root for a root that signed it)');
  const verified: OpenedForSign['verified'] = [];
  const dropped: OpenedForSign['dropped'] = [];
  for (const sig of decoded.signed.signatures) {
    const kid = signatureKid(sig) ?? '?';
    const root = opts.trust.find((r) => r.kid === kid);
    if (!root) {
      dropped.push({ kid, why: 'its root is not known here, so it cannot be checked (give its public key with --trust-root)' });
      continue;
    }
    const alone = await verifyBundle(JSON.stringify({ payload: decoded.signed.payload, signatures: [sig] }), [root]);
    if (alone.ok) verified.push({ kid, signature: sig });
    else dropped.push({ kid, why: `does not verify: ${alone.reason.code}${alone.reason.detail ? ` (${alone.reason.detail})` : ''}` });
  }
  return { bundle, signed: decoded.signed, verified, dropped };
}

/**
 * `--newer-than FILE`: the published bundle the input must not be older than. FILE must verify
 * against `trust` too. An input below its version — or at its version with other content — would
 * drop what was published since (a revocation, a key removal): refused.
 */
export async function checkNewerThan(input: TrustBundle, publishedText: string, trust: readonly PinnedRoot[], file = '--newer-than'): Promise<TrustBundle> {
  const published = await verifyOrThrow(publishedText, trust, `${file} (the published bundle)`, 'cannot tell what the input must not be older than');
  if (input.version < published.version)
    throw new Error(
      `input version ${input.version} is older than ${published.version} in ${file}: editing it would drop what changed since (${changeLines(input, published).join('; ')}) — edit the published bundle instead`,
    );
  if (input.version === published.version && canonicalJson(input) !== canonicalJson(published))
    throw new Error(`input has version ${input.version}, as ${file} does, but other content (${changeLines(published, input).join('; ')}): it is not the published bundle`);
  return published;
}

/** What changes from `before` to `after`, one line each (the `bundle diff` summary). */
export const changeLines = (before: TrustBundle, after: TrustBundle): string[] => formatDiff(diffBundles(before, after));

/** The version after `old`: Unix seconds now, but always above the old version (two edits in one second, or a clock behind). */
export function nextVersion(old: number, now: Date): number {
  const v = Math.max(old + 1, Math.floor(now.getTime() / 1000));
  if (v > MAX_BUNDLE_VERSION) throw new Error(`the bundle is at version ${old}: the next one would be above 2^50 (${MAX_BUNDLE_VERSION}), which gates refuse — there is no room to grow`);
  return v;
}

/** A copy of `old` with a higher version, issuedAt = now and the same validity length. */
export function bumpBundle(old: TrustBundle, now: Date): TrustBundle {
  const length = Date.parse(old.expiresAt) - Date.parse(old.issuedAt);
  const b = structuredClone(old);
  b.version = nextVersion(old.version, now);
  b.issuedAt = now.toISOString();
  b.expiresAt = new Date(now.getTime() + length).toISOString();
  return b;
}

/**
 * Validates and signs with every root, then checks the result as a gate would, once per root
 * (so each signature alone is enough, and announced roots are named by their thumbprints).
 * `payload`, when given, is the exact encoded payload to sign (re-signing without a change).
 */
export async function signChecked(bundle: TrustBundle, roots: readonly RootSigningKey[], payload?: string): Promise<SignedBundleFile> {
  if (roots.length === 0) throw new Error('at least one root key is needed to sign');
  const valid = validateBundle(bundle);
  if (!valid.ok) throw new Error(`bundle is invalid: ${valid.reason.detail ?? valid.reason.code}`);
  // Gates drop retired roots before they accept the bundle that retires them (BUNDLE_ROOT_ROLLOVER).
  const retired = new Set(bundle.roots?.retired ?? []);
  if (roots.every((r) => retired.has(r.kid)))
    throw new Error('the bundle retires every root that signs it, so gates would refuse it: sign with a root that stays trusted (e.g. the next root)');
  const file = payload !== undefined ? await signPayload(payload, roots) : await signBundle(bundle, roots);
  const text = JSON.stringify(file);
  for (const root of roots) {
    const r = await verifyBundle(text, [rootPublic(root)]);
    if (!r.ok) throw new Error(`signed bundle does not verify against root ${root.kid}: ${r.reason.code} ${r.reason.detail ?? ''}`.trim());
  }
  return file;
}

export interface EditOptions {
  /** Roots to sign the result with (one signature each). */
  roots: readonly RootSigningKey[];
  /** More roots the input may verify against besides the signing roots' public parts (--trust-root, e.g. the previous root). */
  trust?: readonly PinnedRoot[];
  /** The published bundle's file text (--newer-than): the input must not be older. */
  newerThan?: { text: string; file: string };
  now?: Date;
}

export interface Edited<R> {
  before: TrustBundle;
  bundle: TrustBundle;
  file: SignedBundleFile;
  report: R;
  /** What the edit changed against its input, one line each (the `bundle diff` summary). */
  changes: string[];
}

/**
 * Verify `text`, bump it, let `edit` change the bumped copy (it sees the new version, e.g. to name
 * a file after it), then validate and re-sign. Throws when the input does not verify, when the edit
 * throws, or when the result is invalid.
 */
export async function editBundle<R>(text: string, opts: EditOptions, edit: (draft: TrustBundle, before: TrustBundle) => R | Promise<R>): Promise<Edited<R>> {
  const trust = trustSet(opts.roots, opts.trust);
  const before = await openForEdit(text, trust);
  // Checked before the edit runs: an edit may write files (external revocation sets).
  if (opts.newerThan) await checkNewerThan(before, opts.newerThan.text, trust, opts.newerThan.file);
  const draft = bumpBundle(before, opts.now ?? new Date());
  const report = await edit(draft, before);
  // An edit must not roll the version back or forget the bump.
  if (!(draft.version > before.version)) throw new Error('edited bundle version does not increase');
  const file = await signChecked(draft, opts.roots);
  return { before, bundle: draft, file, report, changes: changeLines(before, draft) };
}
