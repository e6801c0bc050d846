/**
 * Words for the fields an unknown value can sit in (Credential.unknown), so staff read "test
 * type: PCR" rather than "t[0].tt". Each format supplies its own (FormatPlugin.fieldLabels, keyed by
 * the field's last name: formats use the same short names for other things); the format's own path
 * is shown for anything else.
 */
import { formatInfo } from '../../core/formats/catalog.ts';
import type { Lang } from '../i18n/strings.ts';

export function fieldLabel(format: string | undefined, field: string, lang: Lang): string {
  const labels = formatInfo(format)?.fieldLabels;
  if (!labels) return field;
  const leaf = field.replace(/\[\d+\]/g, '').split('.').pop() ?? field;
  return Object.hasOwn(labels, leaf) ? labels[leaf]![lang] : field;
}
