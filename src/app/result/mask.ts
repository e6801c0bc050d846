/**
 * Mask a Chinese name the way Chinese venues print it: enough to match an ID card, not to identify.
 * 张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧**明. Names in other scripts are shown as printed:
 * staff match them letter by letter against a passport, as foreign verifier apps show them.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[\u3400-\u9fff·]+$/.test(name.trim())) {
    if (chars.length === 1) return chars[0]!;
    if (chars.length === 2) return chars[0] + '*';
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  }
  return name.trim();
}
