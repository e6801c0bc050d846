/**
 * Repairs for text that reached us through a keyboard (a wedge scanner, a paste), not a camera.
 *
 * Scanners "type" by sending key positions for a US keyboard; on a host set to another layout the
 * same keys produce other characters, Caps Lock flips case, and scanners may add framing (CR/LF,
 * an AIM symbology identifier such as "]Q1"). Both formats are a fixed prefix plus base45
 * (0-9 A-Z space $%*+-./:), so a wrong character is visible, and what it should have been follows
 * from the layout alone. `scannerCandidates` lists the raw text first, then each repair that makes
 * a known prefix appear; `pickCandidate` runs the normal pipeline on them in order.
 *
 * Why this cannot make a bad code pass: a repair only changes how text maps to bytes; the
 * signature covers those bytes, so a repaired candidate verifies only if it is exactly what the
 * issuer signed. Repairs are never content guesses (no inserted or reordered payload characters).
 */
import { detectFormat } from '../formats/registry.ts';
import type { ReasonCode } from '../model/reasons.ts';
import { MAX_INPUT_CHARS } from './limits.ts';

/** Raw text plus at most one candidate per (layout × case) pair: 1 + 3 × 2. */
export const MAX_CANDIDATES = 9;

/** Keys of a US keyboard in a fixed order (Backquote, Digit1…0, Minus, Equal, Q row, A row, Z row). */
const US = { plain: "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./", shift: '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?' };

/**
 * What the same keys type on other layouts (Windows and Linux; macOS differs). '\0' marks a key
 * with nothing on that level. Dead keys are written as their accent: a text field shows the
 * accent when the next key does not combine with it, and keyboard-wedge.ts records a dead key as '`'.
 */
interface Layout {
  plain: string;
  shift: string;
  /** Letters outside A–Z that Caps Lock also flips on this layout. */
  capsLetters: string;
  /** Characters a dead key composes with the key after it, written back as the two characters sent. */
  composed?: Record<string, string>;
}
const LAYOUTS: Record<'de' | 'fr', Layout> = {
  // German QWERTZ: Y/Z swapped, ':' is Shift+Period, '-' is on Slash, '+' (Shift+Equal) is the dead grave.
  de: {
    plain: '^1234567890ß´qwertzuiopü+#asdfghjklöäyxcvbnm,.-',
    shift: '°!"§$%&/()=?`QWERTZUIOPÜ*\'ASDFGHJKLÖÄYXCVBNM;:_',
    capsLetters: 'äöüÄÖÜ',
    // Dead grave + vowel: base45 "+A" arrives as "À" (or, from keydown, as "`" then "À").
    composed: Object.fromEntries([...'AEIOU'].flatMap((v, i) => [['ÀÈÌÒÙ'[i]!, '+' + v], ['àèìòù'[i]!, '+' + v]])),
  },
  // French AZERTY: A/Q and Z/W swapped, M on Semicolon, and the digits need Shift (unshifted: &é"'(-è_çà).
  fr: {
    plain: '²&é"\'(-è_çà)=azertyuiop^$*qsdfghjklmùwxcvbn,;:!',
    shift: '\u00001234567890°+AZERTYUIOP¨£µQSDFGHJKLM%WXCVBN?./§',
    capsLetters: '',
  },
};

/** Layout character -> the US character whose key the scanner pressed. */
function inverse(layout: Layout): Map<string, string> {
  const map = new Map<string, string>();
  for (const level of ['plain', 'shift'] as const)
    [...layout[level]].forEach((ch, i) => {
      if (ch !== '\u0000') map.set(ch, US[level][i]!);
    });
  return map;
}
const INVERSE = { de: inverse(LAYOUTS.de), fr: inverse(LAYOUTS.fr) };

/**
 * Layout remap: each character back to what the scanner meant; anything unknown passes unchanged.
 * `fromKeydown`: a dead key arrives as "`" and then the composed letter (keyboard-wedge.ts), so
 * "`À" is one "+A". Typed into a text field the same "`À" is "++A" (a dead key the next key did
 * not combine with, then a combined one): the caller tries both readings.
 */
function unmap(s: string, id: keyof typeof LAYOUTS, fromKeydown = true): string {
  const inv = INVERSE[id];
  const composed = LAYOUTS[id].composed ?? {};
  const chars = [...s];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // From keydown a dead key is recorded and then the composed letter too: the letter carries it.
    if (fromKeydown && ch === '`' && composed[chars[i + 1] ?? ''] !== undefined) continue;
    out += composed[ch] ?? inv.get(ch) ?? ch;
  }
  return out;
}

/**
 * Characters no code contains, removed or folded whatever the layout: control characters (CR, LF,
 * Tab, NUL, STX/ETX framing), zero-width characters and BOM; no-break and ideographic spaces to a
 * space; full-width forms (a Chinese IME in full-width or Chinese punctuation mode types "：" for
 * ":", "￥" for "$", "。" for ".") to their ASCII character.
 */
function clean(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) continue;
    if (c === 0xa0 || c === 0x3000) out += ' ';
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3002) out += '.';
    else if (c === 0xffe5) out += '$';
    else out += ch;
  }
  return out;
}

/** Caps Lock (or a scanner's lowercase setting): base45 and the prefixes have no lowercase letters. */
function upper(s: string, capsLetters: string): string {
  let out = '';
  for (const ch of s) out += (ch >= 'a' && ch <= 'z') || capsLetters.includes(ch) ? ch.toUpperCase() : ch;
  return out;
}

/** An AIM symbology identifier: ']', a symbology letter, a modifier (QR: "]Q1"…"]Q6"). */
const AIM_LEADING = /^\][A-Za-z][0-9A-Za-z]/;
const AIM_TRAILING = /\][A-Za-z][0-9A-Za-z]$/;

/**
 * Framing at the ends: spaces (a base45 payload never ends in one: the last digit of a triplet is
 * at most 32 and of a pair at most 5, while space is 36; no prefix starts with one) and AIM
 * identifiers (']' is in neither the prefixes nor base45). Both are outside every valid code.
 */
function stripFraming(s: string): string {
  let prev: string;
  do {
    prev = s;
    s = s.trim().replace(AIM_LEADING, '').replace(AIM_TRAILING, '');
  } while (s !== prev);
  return s;
}

/**
 * The raw text first, then repaired variants: without and with a layout remap (German QWERTZ,
 * French AZERTY), each as typed and with letters uppercased. A variant is kept only when the
 * repair makes a known format prefix appear, and duplicates are dropped, so there are at most
 * MAX_CANDIDATES and usually one or two.
 */
export function scannerCandidates(text: string): string[] {
  const out = [text];
  // The pipeline refuses such input anyway (INPUT_TOO_LARGE); repairing it would be wasted work.
  if (text.length > MAX_INPUT_CHARS) return out;
  const base = clean(text);
  for (const layout of [null, 'de', 'fr'] as const) {
    const caps = layout ? LAYOUTS[layout].capsLetters : '';
    for (const cased of [base, upper(base, caps)])
      for (const fromKeydown of layout ? [true, false] : [true]) {
        const candidate = stripFraming(layout ? unmap(cased, layout, fromKeydown) : cased);
        if (candidate.length > 0 && !out.includes(candidate) && detectFormat(candidate)) out.push(candidate);
      }
  }
  return out;
}

/**
 * Reasons that mean "this text is not a readable code" (as opposed to a code that was read and
 * then failed on trust, validity or policy). A repaired candidate that gets past them was read.
 */
export const DECODING_FAILURES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'UNSUPPORTED_FORMAT',
  'MALFORMED_BASE45',
  'MALFORMED_COMPRESSION',
  'MALFORMED_CBOR',
  'MALFORMED_COSE',
]);

/**
 * Runs `tryOne` (normally `verifyCode`) on each candidate in order and returns the first verdict
 * that is not a decoding failure; when every candidate fails to decode, the raw text's verdict
 * (candidates[0]), so the person sees why the text as received was refused. Stops at the first
 * success, so a clean scan costs one pipeline run.
 */
export async function pickCandidate<V extends { reasons: readonly { code: ReasonCode }[] }>(
  candidates: readonly string[],
  tryOne: (text: string) => V | Promise<V>,
): Promise<V> {
  if (candidates.length === 0) return tryOne('');
  let raw: V | undefined;
  for (const text of candidates) {
    const verdict = await tryOne(text);
    raw ??= verdict;
    if (!verdict.reasons.some((r) => DECODING_FAILURES.has(r.code))) return verdict;
  }
  return raw!;
}
