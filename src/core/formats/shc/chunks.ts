/**
 * Chunked codes: `shc:/INDEX/TOTAL/DIGITS`, each part carrying a slice of the JWS's digits. They
 * name no card, so parts belong together by their total alone; the signature catches a mix-up.
 */
import type { ChunkSupport, CodePart } from '../format.ts';
import { FORMAT_ID, MAX_PARTS, PREFIX } from './constants.ts';

/** Where a text's part header is, when it has one: `shc:/` then digits, "/", digits, "/". */
const HEADER = /^shc:\/(\d{1,3})\/(\d{1,3})\//;

export type PartHeader = { index: number; total: number; body: string } | { bad: string };

/** The part header of a text, a reason it is bad, or undefined for a single (unchunked) code. */
export function readPartHeader(text: string): PartHeader | undefined {
  if (!text.startsWith(PREFIX) || !text.includes('/', PREFIX.length)) return undefined;
  const m = HEADER.exec(text);
  if (!m) return { bad: 'part header is not shc:/INDEX/TOTAL/' };
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || total > MAX_PARTS) return { bad: `part total ${total} is not 1..${MAX_PARTS}` };
  if (index < 1 || index > total) return { bad: `part index ${index} is not 1..${total}` };
  return { index, total, body: text.slice(m[0].length) };
}

export const shcChunks: ChunkSupport = {
  part(text: string): CodePart | undefined {
    const h = readPartHeader(text);
    if (!h || 'bad' in h) return undefined;
    return { group: FORMAT_ID, index: h.index, total: h.total, body: h.body };
  },
  join: (bodies) => PREFIX + bodies.join(''),
};
