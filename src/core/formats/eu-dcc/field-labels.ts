/**
 * Words for the DCC fields an unknown value can sit in (Credential.unknown), so staff read "test
 * type: PCR" rather than "t[0].tt". Keyed by the field's last name.
 */
import type { FieldLabels } from '../format.ts';

export const FIELD_LABELS: FieldLabels = {
  iss: { 'zh-CN': '签发方', en: 'Issuer' },
  dob: { 'zh-CN': '出生日期', en: 'Date of birth' },
  tt: { 'zh-CN': '检测类型', en: 'Test type' },
  tr: { 'zh-CN': '检测结果', en: 'Test result' },
  sc: { 'zh-CN': '采样时间', en: 'Sample time' },
  dt: { 'zh-CN': '接种日期', en: 'Vaccination date' },
  dn: { 'zh-CN': '剂次', en: 'Dose number' },
  sd: { 'zh-CN': '总剂次', en: 'Doses in series' },
  mp: { 'zh-CN': '疫苗', en: 'Vaccine' },
  ma: { 'zh-CN': '生产商', en: 'Manufacturer' },
  vp: { 'zh-CN': '疫苗类型', en: 'Vaccine type' },
  tg: { 'zh-CN': '针对疾病', en: 'Disease' },
  co: { 'zh-CN': '国家', en: 'Country' },
  df: { 'zh-CN': '有效期起', en: 'Valid from' },
  du: { 'zh-CN': '有效期至', en: 'Valid until' },
};
