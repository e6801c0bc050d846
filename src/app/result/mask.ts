/**
 * Mask a holder's name the way Chinese venues print it — enough to match an ID card or passport,
 * not to identify — the same for every format. Chinese: 张三 -> 张*, 张小三 -> 张*三,
 * 欧阳小明 -> 欧**明. Other scripts, word by word, separators kept: "MUSTERMANN, ERIKA" ->
 * "M********N, E***A" (first and last letter of each word).
 */
const HAN = /^[\u3400-\u9fff·]+$/;

function maskWord(word: string): string {
  const chars = [...word];
  if (chars.length <= 1) return word;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (HAN.test(trimmed)) return maskWord(trimmed);
  // Words are runs of letters (any script) and combining marks; everything else is kept as it is.
  return trimmed.replace(/[\p{L}\p{M}]+/gu, maskWord);
}
