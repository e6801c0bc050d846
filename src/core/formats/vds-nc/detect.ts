/** A VDS-NC is a JSON object with `data` and `sig`: cheap shape test only, decode checks the rest. */
export function detect(text: string): boolean {
  let i = 0;
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  return text[i] === '{' && text.includes('"data"') && text.includes('"sig"');
}
