/**
 * A VDS-NC is a JSON object with `data` and `sig`, or such an object as the element of a JSON
 * array (decode takes exactly one): a cheap shape test only, decode checks the rest.
 */
export function detect(text: string): boolean {
  const skip = (i: number) => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
    return i;
  };
  let i = skip(0);
  if (text[i] === '[') i = skip(i + 1);
  return text[i] === '{' && text.includes('"data"') && text.includes('"sig"');
}
