/** Words for the NZCP fields an unknown value can sit in (Credential.unknown), keyed by the field's last name. */
import type { FieldLabels } from '../format.ts';

export const FIELD_LABELS: FieldLabels = {
  type: { 'zh-CN': '通行证类型', en: 'Pass type' },
  version: { 'zh-CN': '通行证版本', en: 'Pass version' },
  '@context': { 'zh-CN': '凭证上下文', en: 'Credential context' },
  credentialSubject: { 'zh-CN': '持有人信息', en: 'Holder details' },
  givenName: { 'zh-CN': '名', en: 'Given name' },
  familyName: { 'zh-CN': '姓', en: 'Family name' },
  dob: { 'zh-CN': '出生日期', en: 'Date of birth' },
  // The pass type's words for the result screen's pass line (src/app/result/pass.ts looks types up here).
  PublicCovidPass: { 'zh-CN': '新西兰新冠通行证', en: 'NZ COVID Pass' },
};
