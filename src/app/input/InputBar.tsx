/** The other inputs' controls: for now one button that reads a QR code from an image file. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/strings.ts';
import { readCodeFromImageFile, type ImageReadCode } from './image-file.ts';
import { s } from './strings.ts';

interface Props {
  lang: Lang;
  /** QR text read from the image: judge it like a camera scan. */
  onText: (text: string) => void;
  /** No text: the image could not be opened, or holds no readable code. `detail` is technical English. */
  onReadFailed: (code: ImageReadCode, detail?: string) => void;
}

export function InputBar({ lang, onText, onReadFailed }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  // A result arriving after the bar left the screen (the person moved on) is dropped.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const onChange = async () => {
    const el = input.current;
    const file = el?.files?.[0];
    if (!el || !file) return;
    // Cleared at once, so choosing the same file again fires change again.
    el.value = '';
    setBusy(true);
    try {
      const r = await readCodeFromImageFile(file);
      if (!mounted.current) return;
      if (r.ok) onText(r.value);
      else onReadFailed(r.reason.code, r.reason.detail);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  // A real button opens the hidden file input: focusable and labelled like every other control.
  return (
    <div class="input-bar">
      <button type="button" data-testid="image-button" disabled={busy} aria-busy={busy} title={s('imageHint', lang)} onClick={() => input.current?.click()}>
        {busy ? s('imageReading', lang) : s('imageButton', lang)}
      </button>
      <input ref={input} type="file" accept="image/*" data-testid="image-input" hidden onChange={() => void onChange()} />
    </div>
  );
}
