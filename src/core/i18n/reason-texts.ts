/**
 * What each reason code means, for the people at the gate (zh-CN and en): core's codes here, a
 * format's own codes in its folder (`reasons.ts`), merged into REASON_TEXTS.
 */
import { FORMAT_REASONS, type FormatReasonCode } from '../formats/catalog.ts';
import type { CoreReasonCode, ReasonCode } from '../model/reasons.ts';

export type Lang = 'zh-CN' | 'en';

const CORE_TEXTS: Record<CoreReasonCode, Record<Lang, string>> = {
  INTERNAL_ERROR: { 'zh-CN': '核验出错，请重新扫码', en: 'Verification error — scan again' },
  NO_TRUST_BUNDLE: { 'zh-CN': '无可信名单，无法核验', en: 'No trust list — cannot verify' },
  IMAGE_UNREADABLE: { 'zh-CN': '无法打开图片', en: 'Image cannot be read' },
  IMAGE_TOO_LARGE: { 'zh-CN': '图片过大，请截取二维码部分后重试', en: 'Image too large — crop it to the QR code and try again' },
  NO_CODE_FOUND: { 'zh-CN': '图中未找到二维码', en: 'No QR code found in the image' },
  EMPTY_INPUT: { 'zh-CN': '未读到内容', en: 'Nothing was read' },
  INPUT_TOO_LARGE: { 'zh-CN': '内容过长，不是健康码', en: 'Too long to be a health code' },
  UNSUPPORTED_FORMAT: { 'zh-CN': '不是可识别的健康码', en: 'Not a recognised health code' },
  CODE_INCOMPLETE: { 'zh-CN': '多段码未读全，请扫描其余部分', en: 'Only part of a multi-part code was read — scan the other parts' },
  PARTS_MIXED: { 'zh-CN': '多段码不属于同一张证书，请逐张扫描', en: 'The parts are not from one code — scan one card at a time' },
  MALFORMED_BASE45: { 'zh-CN': '码内容损坏（编码错误）', en: 'Damaged code (bad encoding)' },
  MALFORMED_COMPRESSION: { 'zh-CN': '码内容损坏（压缩错误）', en: 'Damaged code (bad compression)' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '码内容异常（数据过大）', en: 'Invalid code (payload too large)' },
  MALFORMED_CBOR: { 'zh-CN': '码内容损坏（数据结构错误）', en: 'Damaged code (bad data structure)' },
  MALFORMED_JSON: { 'zh-CN': '码内容损坏（JSON 格式错误）', en: 'Damaged code (bad JSON)' },
  MALFORMED_COSE: { 'zh-CN': '码内容损坏（签名结构错误）', en: 'Damaged code (bad signature envelope)' },
  UNSUPPORTED_ALGORITHM: { 'zh-CN': '不支持的签名算法', en: 'Unsupported signature algorithm' },
  MALFORMED_CLAIMS: { 'zh-CN': '码内容不完整或格式错误', en: 'Code content missing or malformed' },
  UNKNOWN_KEY: { 'zh-CN': '签发机构不在可信名单中', en: 'Issuer not in the trust list' },
  CERT_CHAIN_INVALID: { 'zh-CN': '签名证书不是由可信的国家签名机构签发', en: 'Signer certificate was not issued by a trusted country signing CA' },
  SIGNATURE_INVALID: { 'zh-CN': '签名无效，码可能被篡改', en: 'Invalid signature — code may be forged' },
  DEVICE_SIGNATURE_INVALID: { 'zh-CN': '实时码签名无效，不是持码人手机出示的', en: 'Invalid live-code signature — not shown by the phone the code is bound to' },
  KEY_EXPIRED: { 'zh-CN': '签发密钥在签发时无效', en: 'Signing key was not valid when the code was signed' },
  KEY_USAGE: { 'zh-CN': '签发密钥无权签发此类内容', en: 'Signing key may not sign this kind of credential' },
  ISSUER_MISMATCH: { 'zh-CN': '签发机构与密钥不符', en: 'Issuer does not match the signing key' },
  REVOKED: { 'zh-CN': '此码已被签发方撤销', en: 'Code revoked by its issuer' },
  TRUST_STALE: { 'zh-CN': '可信名单已过期，请联网更新', en: 'Trust list out of date — go online to update' },
  CLOCK_SUSPECT: { 'zh-CN': '设备时间可疑，请核对时间', en: 'Device clock looks wrong — check the time' },
  CODE_EXPIRED: { 'zh-CN': '健康码已过期，请刷新', en: 'Code expired — ask for a fresh one' },
  NOT_YET_VALID: { 'zh-CN': '健康码尚未生效（请检查设备时间）', en: 'Code not yet valid (check device clock)' },
  PRESENTATION_REQUIRED: { 'zh-CN': '须在持码人手机上出示实时码（截图无效）', en: 'Live code required on the bound phone — screenshots are not accepted' },
  PRESENTATION_STALE: { 'zh-CN': '实时码已过时（可能是截图），请刷新后重新出示', en: 'Live code is out of date (possibly a screenshot) — refresh and show it again' },
  STATUS_RED: { 'zh-CN': '红码', en: 'Red code' },
  STATUS_YELLOW: { 'zh-CN': '黄码', en: 'Yellow code' },
  TEST_POSITIVE: { 'zh-CN': '检测结果阳性', en: 'Positive test result' },
  STATUS_REQUIRED: { 'zh-CN': '须出示国内健康码', en: 'Domestic health code required' },
  NAT_REQUIRED: { 'zh-CN': '须有核酸阴性结果', en: 'Negative NAT result required' },
  NAT_TOO_OLD: { 'zh-CN': '核酸结果已过时效', en: 'NAT result too old' },
  VACCINATION_INCOMPLETE: { 'zh-CN': '未完成疫苗接种', en: 'Vaccination not complete' },
  NO_QUALIFYING_EVIDENCE: { 'zh-CN': '不满足通行要求', en: 'Does not meet entry requirements' },
  POLICY_RULE_ERROR: { 'zh-CN': '通行规则无法判定，请人工核验', en: 'Policy rule could not be evaluated — check manually' },
  PASSBACK: { 'zh-CN': '此人刚刚已通行', en: 'This person has just passed' },
};

export const REASON_TEXTS: Readonly<Record<ReasonCode, Readonly<Record<Lang, string>>>> = {
  ...CORE_TEXTS,
  ...(Object.fromEntries(FORMAT_REASONS.map((r) => [r.code, r.texts])) as Record<FormatReasonCode, Readonly<Record<Lang, string>>>),
};

export const reasonText = (code: ReasonCode, lang: Lang): string => REASON_TEXTS[code][lang];
