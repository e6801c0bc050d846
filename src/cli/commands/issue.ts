import { readFile, writeFile } from 'node:fs/promises';
import { encodeCnCode } from '../../issuer/formats/cn-hc/encode.ts';
import type { HealthStatus } from '../../core/model/credential.ts';
import { parsePrivateJwk } from '../../issuer/keys.ts';
import { qrPng } from '../../issuer/qr-render.node.ts';
import { parseArgs, parseNumber, parseTime, UsageError } from '../args.ts';
import type { Io } from '../io.ts';

export const ISSUE_USAGE =
  'issue --key FILE --issuer 440000 [--status green|yellow|red] [--name NAME] [--birth YYYY-MM-DD] [--id-tail 123X]\n' +
  '      [--nat negative|positive@ISO]… [--rat negative|positive@ISO]… [--vacc DOSE/OF@YYYY-MM-DD:PRODUCT]…\n' +
  '      [--valid-hours N] [--at ISO] [--png FILE]';

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

export async function issue(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, ['key', 'issuer', 'status', 'name', 'birth', 'id-tail', 'nat', 'rat', 'vacc', 'valid-hours', 'at', 'png']);
  const jwk = parsePrivateJwk(await readFile(a.req('key'), 'utf8'), '--key');
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
    },
    { alg: jwk.alg, kid: jwk.kid, privateJwk: jwk },
  );
  if (a.one('png')) await writeFile(a.one('png')!, await qrPng(code.text));
  io.out(code.text);
  return 0;
}
