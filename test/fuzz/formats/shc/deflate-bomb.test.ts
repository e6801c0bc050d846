/** A raw DEFLATE bomb inside a health card's JWS: the SHC decoder must stop at its inflate bound. */
import { describe, expect, it } from 'vitest';
import { toBase64Url, utf8 } from '../../../../src/core/encoding/bytes.ts';
import { decodeJws } from '../../../../src/core/formats/shc/index.ts';
import { measured } from '../../measured.ts';
import { deflateBombs } from './mutators.ts';

describe('raw DEFLATE bomb of ≥ 100 MB in a health card', () => {
  it('stops at the inflate bound with PAYLOAD_TOO_LARGE and little heap growth (as a JWS: as digits it exceeds any QR code)', () => {
    const jws = `${toBase64Url(utf8('{"zip":"DEF","alg":"ES256","kid":"' + 'A'.repeat(43) + '"}'))}.${toBase64Url(deflateBombs().huge)}.${'A'.repeat(86)}`;
    const { r, grown } = measured(() => decodeJws(jws));
    expect(!r.ok && r.reason.code).toBe('PAYLOAD_TOO_LARGE');
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });
});
