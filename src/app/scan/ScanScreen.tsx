/** The scan screen: live camera (decoded in a worker) and a paste box for typed or copied codes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang } from '../i18n/strings.ts';
import { startCameraScanner, type CameraScanner } from './camera-scanner.ts';

interface Props {
  lang: Lang;
  onCode: (text: string) => void;
  /** True while a result is shown: decoding pauses, the camera stays on. */
  paused: boolean;
}

export function ScanScreen({ lang, onCode, paused }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<CameraScanner | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [camera, setCamera] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const [text, setText] = useState('');

  useEffect(() => {
    let cancelled = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera('unavailable');
      return;
    }
    startCameraScanner(video.current!, (code) => {
      scanner.current?.pause();
      onCodeRef.current(code);
    }).then(
      (s) => {
        if (cancelled) s.stop();
        else {
          scanner.current = s;
          setCamera('on');
        }
      },
      () => !cancelled && setCamera('unavailable'),
    );
    return () => {
      cancelled = true;
      scanner.current?.stop();
    };
  }, []);

  useEffect(() => {
    if (!paused) scanner.current?.resume();
  }, [paused]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (text.trim()) onCode(text);
  };

  return (
    <main class="scan">
      <div class="viewfinder" data-camera={camera}>
        <video ref={video} muted playsInline aria-hidden="true" />
        <div class="frame" aria-hidden="true" />
        <p class="hint" data-testid="camera-state">
          {camera === 'starting' ? t('cameraStarting', lang) : camera === 'on' ? t('scanHint', lang) : t('cameraUnavailable', lang)}
        </p>
      </div>
      <form class="paste" onSubmit={submit}>
        <label for="paste">{t('pasteLabel', lang)}</label>
        <textarea
          id="paste"
          data-testid="paste-input"
          rows={3}
          spellcheck={false}
          autocomplete="off"
          placeholder={t('pastePlaceholder', lang)}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <button type="submit" data-testid="paste-submit">
          {t('verify', lang)}
        </button>
      </form>
    </main>
  );
}
