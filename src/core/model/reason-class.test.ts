/** Every reason code's class, listed here by hand: which failures are a misread (NOT READ) and which a FAIL. */
import { describe, expect, it } from 'vitest';
import { outcomeOf, reasonClass } from './reason-class.ts';
import { REASON_CODES, type ReasonCode } from './reasons.ts';

/** The reading went wrong: no code, not a health code, damaged structure, an incomplete or mixed multi-part read, our own error. */
const NOT_READ: ReasonCode[] = [
  'INTERNAL_ERROR',
  'IMAGE_UNREADABLE',
  'IMAGE_TOO_LARGE',
  'NO_CODE_FOUND',
  'EMPTY_INPUT',
  'INPUT_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'CODE_INCOMPLETE',
  'PARTS_MIXED',
  'MALFORMED_NUMERIC',
  'MALFORMED_BASE45',
  'MALFORMED_BASE32',
  'MALFORMED_COMPRESSION',
  'MALFORMED_CBOR',
  'MALFORMED_JSON',
  'MALFORMED_COSE',
  'MALFORMED_JWS',
];

describe('reason classes', () => {
  for (const code of REASON_CODES)
    it(`${code} is ${NOT_READ.includes(code) ? 'NOT READ' : 'FAIL'}`, () => {
      expect(reasonClass(code)).toBe(NOT_READ.includes(code) ? 'not-read' : 'fail');
    });
});

describe('outcomeOf', () => {
  it('PASS with no reasons', () => expect(outcomeOf([], true)).toBe('PASS'));
  it('a misread stays NOT_READ when trust-state reasons join it', () => {
    expect(outcomeOf([{ code: 'NO_CODE_FOUND' }], false)).toBe('NOT_READ');
    expect(outcomeOf([{ code: 'MALFORMED_BASE45' }, { code: 'TRUST_STALE' }, { code: 'CLOCK_SUSPECT' }], false)).toBe('NOT_READ');
  });
  it('a decoded code that fails signature, validity or policy is FAIL', () => {
    for (const code of ['SIGNATURE_INVALID', 'UNKNOWN_KEY', 'CODE_EXPIRED', 'STATUS_RED', 'NO_QUALIFYING_EVIDENCE', 'PAYLOAD_TOO_LARGE', 'MALFORMED_CLAIMS'] as const)
      expect(outcomeOf([{ code }], false), code).toBe('FAIL');
  });
  it('a bound code shown as a screenshot, replayed or by another phone is FAIL, never "scan again"', () => {
    for (const code of ['PRESENTATION_REQUIRED', 'PRESENTATION_STALE', 'DEVICE_SIGNATURE_INVALID'] as const) {
      expect(reasonClass(code), code).toBe('fail');
      expect(outcomeOf([{ code }], true), code).toBe('FAIL');
    }
  });
  it('a verified signature is never NOT_READ, whatever else is listed', () => {
    expect(outcomeOf([{ code: 'INTERNAL_ERROR' }], true)).toBe('FAIL');
  });
});
