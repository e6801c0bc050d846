/**
 * The reasons formats declare in their folders (FormatPlugin.reasons) are complete and consistent,
 * and merging them into core's list keeps the verdict order that existed before the move.
 */
import { describe, expect, it } from 'vitest';
import { REASON_TEXTS, reasonText } from '../i18n/reason-texts.ts';
import { reasonClass } from '../model/reason-class.ts';
import { placeReasons } from '../model/reason-order.ts';
import { compareReasons, CORE_REASON_CODES, REASON_CODES } from '../model/reasons.ts';
import { FORMAT_INFOS, FORMAT_REASONS } from './catalog.ts';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

describe('format reasons', () => {
  it('registers the reasons each format declares, in registry order', () => {
    expect(FORMAT_REASONS).toEqual(FORMAT_INFOS.flatMap((f) => f.reasons ?? []));
    expect(FORMAT_REASONS.length).toBeGreaterThan(0);
  });

  it('no code is declared twice, across formats and core', () => {
    const all = [...CORE_REASON_CODES, ...FORMAT_REASONS.map((r) => r.code)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('every format reason ranks after a known code and is placed without problems', () => {
    const placed = placeReasons<string>(CORE_REASON_CODES, FORMAT_REASONS);
    expect(placed.problems).toEqual([]);
    expect(placed.order).toEqual(REASON_CODES);
    for (const r of FORMAT_REASONS) {
      expect(REASON_CODES, r.code).toContain(r.after);
      expect(REASON_CODES.indexOf(r.code), r.code).toBeGreaterThan(REASON_CODES.indexOf(r.after as never));
    }
  });

  for (const r of FORMAT_REASONS)
    it(`${r.code}: a class and zh-CN/en texts, served by core`, () => {
      expect(['not-read', 'fail']).toContain(r.class);
      expect(reasonClass(r.code)).toBe(r.class);
      expect(r.texts['zh-CN']).toMatch(CJK);
      expect(r.texts.en.trim()).not.toBe('');
      expect(r.texts.en).not.toMatch(CJK);
      expect(REASON_TEXTS[r.code]).toEqual(r.texts);
      expect(reasonText(r.code, 'en')).toBe(r.texts.en);
    });

  it('keeps the verdict order of every code (as it was when all codes were one list)', () => {
    // prettier-ignore
    expect(REASON_CODES).toEqual([
      'INTERNAL_ERROR', 'NO_TRUST_BUNDLE', 'IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE', 'NO_CODE_FOUND', 'EMPTY_INPUT',
      'INPUT_TOO_LARGE', 'UNSUPPORTED_FORMAT', 'CODE_INCOMPLETE', 'PARTS_MIXED', 'MALFORMED_NUMERIC', 'MALFORMED_BASE45',
      'MALFORMED_BASE32', 'MALFORMED_COMPRESSION', 'PAYLOAD_TOO_LARGE', 'MALFORMED_CBOR', 'MALFORMED_JSON', 'MALFORMED_COSE', 'MALFORMED_JWS',
      'UNSUPPORTED_ALGORITHM', 'NZCP_VERSION_UNSUPPORTED', 'MALFORMED_CLAIMS', 'SCHEMA_INVALID', 'SCHEMA_UNAVAILABLE', 'VALUE_NOT_IN_VALUE_SET', 'NZCP_ISSUER_NOT_DID_WEB',
      'UNKNOWN_KEY', 'CERT_CHAIN_INVALID', 'SIGNATURE_INVALID', 'DEVICE_SIGNATURE_INVALID', 'KEY_EXPIRED', 'KEY_USAGE', 'ISSUER_MISMATCH', 'REVOKED',
      'MULTIPLE_EVENTS', 'TRUST_STALE', 'CLOCK_SUSPECT', 'CODE_EXPIRED', 'NOT_YET_VALID', 'PRESENTATION_REQUIRED', 'PRESENTATION_STALE', 'STATUS_RED', 'STATUS_YELLOW',
      'TEST_POSITIVE', 'STATUS_REQUIRED', 'NAT_REQUIRED', 'NAT_TOO_OLD', 'VACCINATION_INCOMPLETE', 'NO_QUALIFYING_EVIDENCE',
      'POLICY_RULE_ERROR', 'PASSBACK',
    ]);
  });

  it('compareReasons ranks format codes among core codes', () => {
    const sorted = (['MULTIPLE_EVENTS', 'REVOKED', 'TRUST_STALE', 'SCHEMA_INVALID', 'MALFORMED_CLAIMS', 'MALFORMED_JWS', 'MALFORMED_COSE'] as const)
      .map((code) => ({ code }))
      .sort(compareReasons)
      .map((r) => r.code);
    expect(sorted).toEqual(['MALFORMED_COSE', 'MALFORMED_JWS', 'MALFORMED_CLAIMS', 'SCHEMA_INVALID', 'REVOKED', 'MULTIPLE_EVENTS', 'TRUST_STALE']);
  });
});

describe('placeReasons', () => {
  const core = ['A', 'B', 'C'];
  it('puts a code right after the one it names; runs and same-anchor codes keep declaration order', () => {
    const extra = [
      { code: 'X', after: 'A' },
      { code: 'Y', after: 'X' },
      { code: 'Z', after: 'A' },
      { code: 'W', after: 'C' },
    ];
    expect(placeReasons(core, extra)).toEqual({ order: ['A', 'X', 'Y', 'Z', 'B', 'C', 'W'], problems: [] });
  });

  it('reports an unknown anchor, a loop and a code declared twice, and still ranks every code once', () => {
    const extra = [
      { code: 'X', after: 'NOPE' },
      { code: 'P', after: 'Q' },
      { code: 'Q', after: 'P' },
      { code: 'B', after: 'A' },
    ];
    const placed = placeReasons(core, extra);
    expect(placed.order).toEqual(['A', 'B', 'C', 'X', 'P', 'Q']);
    expect(placed.problems).toHaveLength(4);
    expect(placed.problems.join('\n')).toMatch(/B is declared twice/);
    expect(placed.problems.join('\n')).toMatch(/X ranks after NOPE/);
  });
});
