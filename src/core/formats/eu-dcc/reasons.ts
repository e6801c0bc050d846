/** Reason codes only EU DCCs produce, with their texts, class and rank (FormatPlugin.reasons). */
export const EU_DCC_REASONS = [
  {
    /** The DCC JSON does not follow the schema of the version it names (schema/validate.ts). */
    code: 'SCHEMA_INVALID',
    after: 'MALFORMED_CLAIMS',
    class: 'fail',
    texts: { 'zh-CN': '证书内容写法不符合其版本规范', en: 'Certificate content is not written to its specification' },
  },
  {
    /** No schema for the version the DCC names: an unknown major or minor version may mean anything. */
    code: 'SCHEMA_UNAVAILABLE',
    after: 'SCHEMA_INVALID',
    class: 'fail',
    texts: { 'zh-CN': '证书版本未知，仅按可识别的内容判断', en: 'Unknown certificate version — judged on what could be read' },
  },
  {
    /** A coded field whose code is not in the trust bundle's value set (a note; the record shows the code as unknown). */
    code: 'VALUE_NOT_IN_VALUE_SET',
    after: 'SCHEMA_UNAVAILABLE',
    class: 'fail',
    texts: { 'zh-CN': '证书含未收录的编码（见下方）', en: 'Certificate has codes we do not recognise (listed below)' },
  },
  {
    /** More than one event (vaccination, test, recovery): the specification allows one. */
    code: 'MULTIPLE_EVENTS',
    after: 'REVOKED',
    class: 'fail',
    texts: { 'zh-CN': '一张证书含多条记录，不符合规范', en: 'Certificate holds more than one event — not allowed' },
  },
] as const;

export type EuDccReasonCode = (typeof EU_DCC_REASONS)[number]['code'];
