/**
 * Shown while a code split over several QR codes (SMART Health Card parts) is only partly read:
 * a status, never a verdict — the gate decides only once every part is in.
 */
import type { Lang } from '../../core/i18n/reason-texts.ts';

export interface PartsRead {
  have: number[];
  total: number;
}

export function chunkProgressText(p: PartsRead, lang: Lang): string {
  const have = p.have.join(lang === 'zh-CN' ? '、' : ', ');
  return lang === 'zh-CN'
    ? `已读取第 ${have} 部分（共 ${p.total} 部分）——请扫描其余部分`
    : `Part${p.have.length === 1 ? '' : 's'} ${have} of ${p.total} read — scan the other parts`;
}

export function ChunkProgress({ parts, lang }: { parts: PartsRead; lang: Lang }) {
  return (
    <p class="chunk-progress" role="status" aria-live="polite" data-testid="chunk-progress" data-have={parts.have.join(',')} data-total={parts.total}>
      {chunkProgressText(parts, lang)}
    </p>
  );
}
