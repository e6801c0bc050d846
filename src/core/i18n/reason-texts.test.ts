import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../model/reasons.ts';
import { REASON_TEXTS, reasonText } from './reason-texts.ts';

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

describe('reason texts', () => {
  it('has an entry for every reason code and no others', () => {
    expect(Object.keys(REASON_TEXTS).sort()).toEqual([...REASON_CODES].sort());
  });

  for (const code of REASON_CODES) {
    it(`${code} has non-empty zh-CN and en texts`, () => {
      const zh = reasonText(code, 'zh-CN');
      const en = reasonText(code, 'en');
      expect(typeof zh).toBe('string');
      expect(typeof en).toBe('string');
      expect(zh.trim().length).toBeGreaterThan(0);
      expect(en.trim().length).toBeGreaterThan(0);
      expect(zh, 'zh-CN text must be Chinese').toMatch(CJK);
      expect(en, 'en text must not be Chinese').not.toMatch(CJK);
      expect(zh).not.toBe(en);
    });
  }

  it('gives distinct texts to distinct reasons in each language', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const texts = REASON_CODES.map((c) => reasonText(c, lang));
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});
