/**
 * DEMO ONLY: the local demo server's issuing endpoint for the holder page (/holder). It signs a
 * device-bound CN health code (v1.1, `cnf`) for a made-up demo person with a demo province key
 * from the demo world folder. It lives in scripts/ — which nothing in src/ imports — so no build of
 * the app carries it, and it answers only when the folder's bundle says it is a demo world.
 *
 * POST /demo-issue/bound  {"jwk": {kty: "EC", crv: "P-256", x, y}}  →  200 {"code", "issuer", "expiresAt"}
 * Anything else: 4xx {"error": CODE, "detail"}; nothing of the request is logged.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { encodeCnCode } from '../src/issuer/formats/cn-hc/encode.ts';
import { deviceKeyFromJwk } from '../src/issuer/formats/cn-hc/device-key.ts';
import { parsePrivateJwk } from '../src/issuer/keys.ts';

export const DEMO_ISSUE_PATH = '/demo-issue/bound';

/** The demo holder: a made-up person (as in the demo world's sample codes), never a real one. */
const DEMO_HOLDER = { name: '陈小明', idTail: '2468', birthDate: '1995-09-21' };
/** Guangdong's ES256 demo key by default; SM2-signed provinces on request (the device key is ES256 either way). */
const PROVINCES: Record<string, string> = { '440000': '440000-es256.jwk', '310000': '310000-sm2-sm3.jwk', '110000': '110000-es256.jwk', '510000': '510000-sm2-sm3.jwk' };
const DEFAULT_PROVINCE = '440000';
/** A JWK is about 200 bytes; anything much larger is not one. */
const MAX_BODY = 4096;
const VALID_MS = 24 * 3600_000;

type Answer = { status: number; body: Record<string, unknown> };
const refuse = (status: number, error: string, detail: string): Answer => ({ status, body: { error, detail } });

/** Is the folder a demo world? Its bundle's (unverified: it is our own file) payload says so. */
async function isDemoWorld(demoDir: string): Promise<boolean> {
  try {
    const signed = JSON.parse(await readFile(join(demoDir, 'bundle.json'), 'utf8')) as { payload?: unknown };
    if (typeof signed.payload !== 'string') return false;
    return JSON.parse(Buffer.from(signed.payload, 'base64url').toString('utf8')).demo === true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

export async function demoIssue(req: IncomingMessage, demoDir: string, now = new Date()): Promise<Answer> {
  if (!(await isDemoWorld(demoDir))) return refuse(404, 'NOT_A_DEMO_WORLD', 'this server is not serving a demo world');
  if (req.method !== 'POST') return refuse(405, 'METHOD', 'POST a JSON body {"jwk": <device public JWK>}');
  const text = await readBody(req);
  if (text === null) return refuse(413, 'TOO_LARGE', `the body is over ${MAX_BODY} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, 'NOT_JSON', 'the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || !('jwk' in body)) return refuse(400, 'NO_JWK', 'the body has no "jwk"');
  const issuer = 'issuer' in body ? body.issuer : DEFAULT_PROVINCE;
  const keyFile = typeof issuer === 'string' && Object.hasOwn(PROVINCES, issuer) ? PROVINCES[issuer] : undefined;
  if (!keyFile) return refuse(400, 'UNKNOWN_ISSUER', `issuer must be one of ${Object.keys(PROVINCES).join(', ')}`);
  const device = await deviceKeyFromJwk(body.jwk);
  if (!device.ok) return refuse(400, device.reason.code, device.reason.detail ?? '');
  let signer;
  try {
    signer = parsePrivateJwk(await readFile(join(demoDir, 'keys', keyFile), 'utf8'), keyFile);
  } catch {
    return refuse(404, 'NO_DEMO_KEY', `the demo world has no key ${keyFile}`);
  }
  const expiresAt = new Date(now.getTime() + VALID_MS);
  const code = await encodeCnCode(
    {
      issuer: issuer as string,
      codeId: crypto.getRandomValues(new Uint8Array(16)),
      issuedAt: new Date(now.getTime() - 60_000),
      expiresAt,
      status: 'green',
      holder: DEMO_HOLDER,
      deviceKey: device.value,
    },
    { alg: signer.alg, kid: signer.kid, privateJwk: signer },
  );
  return { status: 200, body: { code: code.text, issuer, expiresAt: expiresAt.toISOString() } };
}

/** Answers the endpoint on `res`; never throws (an unexpected failure is a 500 without details). */
export async function serveDemoIssue(req: IncomingMessage, res: ServerResponse, demoDir: string, headers: Record<string, string>): Promise<void> {
  const answer = await demoIssue(req, demoDir).catch(() => refuse(500, 'INTERNAL_ERROR', 'the demo issuer failed'));
  // The code names its (demo) holder: never cached anywhere.
  res.writeHead(answer.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(answer.body));
}
