/**
 * Text-level damage any format gets: bit flips, truncation, extension, splices, wrong prefixes and
 * characters a QR code's other modes (byte, kanji) or a sloppy scanner would produce. The effect on
 * the code is not known in advance, so the Genuine oracle judges any PASS.
 */
import type { VerifyContext } from '../../../src/core/pipeline/run.ts';
import type { FuzzCase, Mutator, Rng } from '../harness.ts';

export interface TextSeed {
  text: string;
  /** The format's context identifier, e.g. "HC1:". */
  prefix: string;
  ctx: VerifyContext;
}

const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
/** Outside alphanumeric QR mode: lower case, byte-mode punctuation, full-width, kanji, controls, zero-width, lone surrogates. */
const STRANGE = ['a', 'z', '!', '"', '\u0000', '\u007f', '\u00ff', 'Ａ', '：', '漢', '\u200b', '\ufeff', '\ud800', '\udfff', '\r', '\n', '\t', '\u2028', '😀'];
const pos = (r: Rng, s: string) => r.int(s.length + 1);

function flipBits(s: string, r: Rng): string {
  const chars = [...s];
  for (let k = 1 + r.int(3); k > 0; k--) {
    const i = r.int(chars.length);
    const c = chars[i]!.charCodeAt(0) ^ (1 << r.int(r.chance(0.8) ? 7 : 16));
    chars[i] = String.fromCharCode(c);
  }
  return chars.join('');
}

function wrongPrefix(seed: TextSeed, r: Rng): string {
  const body = seed.text.slice(seed.prefix.length);
  const p = seed.prefix;
  const variants = [
    p.toLowerCase(),
    p.replace(/\d/, (d) => String((Number(d) + 1) % 10)),
    p.slice(0, -1),
    p + p,
    ' ' + p,
    'HC1:',
    'CNHC1:',
    'HL0:',
    'shc:/',
    'DC03',
    '',
    p.replace(':', '：'),
    '\ufeff' + p,
    '\u200b' + p,
  ];
  return r.pick(variants) + body;
}

function qrModeChars(seed: TextSeed, r: Rng): string {
  const body = seed.text.slice(seed.prefix.length);
  switch (r.int(4)) {
    case 0:
      return seed.prefix + body.toLowerCase();
    case 1: {
      const i = pos(r, body);
      return seed.prefix + body.slice(0, i) + r.pick(STRANGE) + body.slice(i);
    }
    case 2: {
      const i = r.int(body.length);
      return seed.prefix + body.slice(0, i) + r.pick(STRANGE) + body.slice(i + 1);
    }
    default:
      // Scanners: CR/LF/tab and BOM around the text are trimmed; anything else is damage.
      return r.pick(['\r\n', '\n', '\t', '\ufeff', ' ', '\u0000']) + seed.text + r.pick(['\r\n', '\n', '\t', ' ', '\u0000', '']);
  }
}

export const textMutators = <S extends TextSeed>(): Mutator<S>[] => [
  { name: 'text bit flip', weight: 3, make: (s, r) => c('text bit flip', s, flipBits(s.text, r)) },
  { name: 'text truncate', weight: 2, make: (s, r) => c('text truncate', s, s.text.slice(0, r.int(s.text.length))) },
  {
    name: 'text extend',
    weight: 2,
    make: (s, r) => {
      const n = r.chance(0.1) ? 5000 + r.int(10_000) : 1 + r.int(20);
      const alpha = r.chance(0.7) ? B45 : STRANGE.join('');
      return c('text extend', s, s.text + Array.from({ length: n }, () => alpha[r.int(alpha.length)]).join(''));
    },
  },
  {
    name: 'text splice',
    weight: 2,
    make: (s, r) => {
      const i = r.int(s.text.length);
      const del = r.int(4);
      const ins = Array.from({ length: r.int(4) }, () => B45[r.int(45)]).join('');
      return c('text splice', s, s.text.slice(0, i) + ins + s.text.slice(i + del));
    },
  },
  { name: 'wrong prefix', make: (s, r) => c('wrong prefix', s, wrongPrefix(s, r)) },
  { name: 'QR-mode characters', make: (s, r) => c('QR-mode characters', s, qrModeChars(s, r)) },
];

const c = (mutator: string, s: TextSeed, text: string): FuzzCase => ({ mutator, text, ctx: s.ctx, expect: 'oracle' });
