/** Reason codes only NZ COVID Passes produce, with their texts, class and rank (FormatPlugin.reasons). */
export const NZCP_REASONS = [
  {
    /** The text after `NZCP:/` is not `<version>/<base32>`: a character outside A–Z 2–7, a length padding cannot complete, a missing version. */
    code: 'MALFORMED_BASE32',
    after: 'MALFORMED_BASE45',
    class: 'not-read',
    texts: { 'zh-CN': '码内容损坏（Base32 编码错误）', en: 'Damaged code (bad base32 text)' },
  },
  {
    /** A well-formed pass of another major version (`NZCP:/2/…`): read correctly, but no rules we know judge it. */
    code: 'NZCP_VERSION_UNSUPPORTED',
    after: 'UNSUPPORTED_ALGORITHM',
    class: 'fail',
    texts: { 'zh-CN': '新西兰通行证版本不受支持', en: 'NZ COVID Pass version not supported' },
  },
  {
    /** The pass names an issuer that is not a did:web DID, as every NZCP issuer must be. */
    code: 'NZCP_ISSUER_NOT_DID_WEB',
    after: 'MALFORMED_CLAIMS',
    class: 'fail',
    texts: { 'zh-CN': '签发方标识不符合规范（须为 did:web）', en: 'Issuer is not named as the specification requires (did:web)' },
  },
] as const;

export type NzcpReasonCode = (typeof NZCP_REASONS)[number]['code'];
