/**
 * A strict, bounded JSON parser for signed JSON (VDS-NC seals, whose signature covers an RFC 8785
 * canonical form of I-JSON, RFC 7493; SMART Health Card JWS headers and claims, whose member names
 * must be unique, RFC 7515 §4 / RFC 7519 §4): duplicate member names, lone surrogates, non-finite
 * numbers and nesting beyond `maxDepth` are refused — JSON.parse would silently keep the last
 * duplicate, so two verifiers could disagree on what was signed. Iterates over the text once;
 * recursion is bounded by `maxDepth`.
 */
import { fail, ok, type Result } from '../result.ts';
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** Thrown only inside this parser and canonical-json.ts, never across their exported edges. */
export class JsonError extends Error {}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESC: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** True when `s` holds an unpaired UTF-16 surrogate (not representable in UTF-8, banned by I-JSON). */
export function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** `text` as JSON, or MALFORMED_JSON with what is wrong and the offset where it was found. */
export function parseStrictJson(text: string, maxDepth: number): Result<Json, 'MALFORMED_JSON'> {
  try {
    return ok(parseOrThrow(text, maxDepth));
  } catch (e) {
    // The recursive descent below stops at the first error by throwing; it is contained here.
    if (e instanceof JsonError) return fail('MALFORMED_JSON', e.message);
    throw e;
  }
}

function parseOrThrow(text: string, maxDepth: number): Json {
  let i = 0;
  const bad = (why: string): never => {
    throw new JsonError(`${why} at offset ${i}`);
  };
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) bad('unterminated string');
      const c = text[i]!;
      if (c === '"') break;
      if (c < ' ') bad('control character in string');
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) bad('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && ESC[e] !== undefined) {
          out += ESC[e];
          i += 2;
        } else bad('bad escape');
      } else {
        out += c;
        i++;
      }
    }
    i++;
    if (hasLoneSurrogate(out)) bad('lone surrogate in string');
    return out;
  };
  const value = (depth: number): Json => {
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) bad(`nesting deeper than ${maxDepth}`);
      i++;
      skip();
      if (c === '[') {
        const arr: Json[] = [];
        if (text[i] === ']') return i++, arr;
        for (;;) {
          arr.push(value(depth + 1));
          skip();
          if (text[i] === ',') i++;
          else if (text[i] === ']') return i++, arr;
          else bad('expected , or ]');
        }
      }
      const obj: JsonObject = {};
      if (text[i] === '}') return i++, obj;
      for (;;) {
        skip();
        if (text[i] !== '"') bad('expected member name');
        const key = str();
        if (Object.hasOwn(obj, key)) bad('duplicate member name');
        skip();
        if (text[i] !== ':') bad('expected :');
        i++;
        // defineProperty: a member named "__proto__" stays an ordinary own member
        Object.defineProperty(obj, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, obj;
        else bad('expected , or }');
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return bad('unexpected character');
    i += m[0].length;
    const n = Number(m[0]);
    if (!Number.isFinite(n)) bad('number out of range');
    return n;
  };
  const v = value(0);
  skip();
  if (i !== text.length) bad('trailing characters');
  return v;
}
