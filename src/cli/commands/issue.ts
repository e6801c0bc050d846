import { readFile, writeFile } from 'node:fs/promises';
import type { EcPublicJwk } from '../../core/crypto/jwk.ts';
import { deviceKeyFromJwk } from '../../issuer/formats/cn-hc/device-key.ts';
import { encodeCnCode } from '../../issuer/formats/cn-hc/encode.ts';
import type { HealthStatus } from '../../core/model/credential.ts';
import { parsePrivateJwk } from '../../issuer/keys.ts';
import { qrPng } from '../../issuer/qr-render.node.ts';
import { parseArgs, parseNumber, parseTime, UsageError } from '../args.ts';
import type { Io } from '../io.ts';

export const ISSUE_USAGE =
  'issue --key FILE --issuer 440000 [--status green|yellow|red] [--name NAME] [--birth YYYY-MM-DD] [--id-tail 123X]\n' +
  '      [--nat negative|positive@ISO]… [--rat negative|positive@ISO]… [--vacc DOSE/OF@YYYY-MM-DD:PRODUCT]…\n' +
  '      [--valid-hours N] [--at ISO] [--png FILE] [--device-key PUBLIC-JWK-FILE]\n' +
  '      (--device-key: the holder device\'s ES256 public key; the code is then device-bound and passes\n' +
  '       only as a live presentation: see `present`)';

function parseTest(type: 'NAT' | 'RAT', spec: string) {
  const [result, at] = spec.split('@');
  if ((result !== 'negative' && result !== 'positive') || !at) throw new UsageError(`--${type.toLowerCase()} wants negative|positive@ISO-TIME`);
  return { type, result, sampledAt: parseTime(at, 'test time') } as const;
}

function parseVacc(spec: string) {
  const m = /^(\d+)\/(\d+)@(\d{4}-\d{2}-\d{2}):(.+)$/.exec(spec);
  if (!m) throw new UsageError('--vacc wants DOSE/OF@YYYY-MM-DD:PRODUCT');
  return { dose: Number(m[1]), of: Number(m[2]), date: m[3]!, product: m[4]! };
}

/** The device public key to bind the code to (v1.1 `cnf`); any other key is refused, naming why. */
async function readDeviceKey(path: string): Promise<EcPublicJwk> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new Error(`--device-key ${path} is not JSON (a P-256 public JWK is expected)`);
    throw e;
  }
  const key = await deviceKeyFromJwk(json);
  if (!key.ok) throw new Error(`--device-key ${path}: ${key.reason.detail ?? key.reason.code}`);
  return key.value;
}

export async function issue(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['key', 'issuer', 'status', 'name', 'birth', 'id-tail', 'nat', 'rat', 'vacc', 'valid-hours', 'at', 'png', 'device-key']);
  const jwk = parsePrivateJwk(await readFile(a.req('key'), 'utf8'), '--key');
  const deviceKey = a.one('device-key') ? await readDeviceKey(a.one('device-key')!) : undefined;
  const issuer = a.req('issuer');
  if (!/^[1-9]\d{5}$/.test(issuer)) throw new UsageError('--issuer must be a GB/T 2260 region code such as 440000');
  const status = (a.one('status') ?? 'green') as HealthStatus;
  if (!['green', 'yellow', 'red'].includes(status)) throw new UsageError('--status must be green, yellow or red');
  const at = a.one('at') ? parseTime(a.one('at')!, '--at') : new Date();
  const hours = parseNumber(a.one('valid-hours') ?? '24', '--valid-hours');
  const code = await encodeCnCode(
    {
      issuer,
      codeId: crypto.getRandomValues(new Uint8Array(16)),
      issuedAt: at,
      expiresAt: new Date(at.getTime() + hours * 3600_000),
      status,
      holder: {
        name: a.one('name') ?? '张小三',
        ...(a.one('birth') ? { birthDate: a.one('birth')! } : {}),
        ...(a.one('id-tail') ? { idTail: a.one('id-tail')! } : {}),
      },
      tests: [...a.all('nat').map((s) => parseTest('NAT', s)), ...a.all('rat').map((s) => parseTest('RAT', s))],
      vaccinations: a.all('vacc').map(parseVacc),
      ...(deviceKey ? { deviceKey } : {}),
    },
    { alg: jwk.alg, kid: jwk.kid, privateJwk: jwk },
  );
  if (a.one('png')) await writeFile(a.one('png')!, await qrPng(code.text));
  io.out(code.text);
  return 0;
}
