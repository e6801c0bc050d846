/** Reason codes only SMART Health Cards produce, with their texts, class and rank (FormatPlugin.reasons). */
export const SHC_REASONS = [
  {
    /** The digits of a numeric-mode code (`shc:/`) do not encode text: odd count, a pair above 77, a bad part header. */
    code: 'MALFORMED_NUMERIC',
    after: 'PARTS_MIXED',
    class: 'not-read',
    texts: { 'zh-CN': '码内容损坏（数字编码错误）', en: 'Damaged code (bad numeric encoding)' },
  },
  {
    /** A JWS that is not three base64url parts with a well-formed protected header. */
    code: 'MALFORMED_JWS',
    after: 'MALFORMED_COSE',
    class: 'not-read',
    texts: { 'zh-CN': '码内容损坏（JWS 签名结构错误）', en: 'Damaged code (bad JWS envelope)' },
  },
] as const;

export type ShcReasonCode = (typeof SHC_REASONS)[number]['code'];
