/**
 * The scan screen: live camera (decoded in a worker) with camera picker and torch, an image file,
 * and a paste box. Kiosk mode shows the camera large and hides the manual inputs.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang } from '../i18n/strings.ts';
import { listCameras, startCameraScanner, type CameraOptions, type CameraScanner } from './camera-scanner.ts';
import { InputBar } from '../input/InputBar.tsx';
import type { ReasonCode } from '../../core/model/reasons.ts';

interface Props {
  lang: Lang;
  onCode: (text: string, source: 'camera' | 'paste' | 'file') => void;
  onReadFailed: (code: ReasonCode) => void;
  /** True while a result is shown: decoding pauses, the camera stays on. */
  paused: boolean;
  camera: CameraOptions;
  onCameraChange: (deviceId: string) => void;
  kiosk: boolean;
}

export function ScanScreen({ lang, onCode, onReadFailed, paused, camera: cameraOpts, onCameraChange, kiosk }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<CameraScanner | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [camera, setCamera] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  const [text, setText] = useState('');

  useEffect(() => {
    let cancelled = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera('unavailable');
      return;
    }
    setCamera('starting');
    startCameraScanner(
      video.current!,
      (code) => {
        scanner.current?.pause();
        onCodeRef.current(code, 'camera');
      },
      cameraOpts,
    ).then(
      async (s) => {
        if (cancelled) return s.stop();
        scanner.current = s;
        setCamera('on');
        setTorch({ supported: s.torch.supported, on: s.torch.on });
        // Labels are only known once a camera is allowed.
        setCameras(await listCameras().catch(() => []));
      },
      () => !cancelled && setCamera('unavailable'),
    );
    return () => {
      cancelled = true;
      scanner.current?.stop();
      scanner.current = null;
    };
  }, [cameraOpts.deviceId, cameraOpts.facing]);

  useEffect(() => {
    if (paused) scanner.current?.pause();
    else scanner.current?.resume();
  }, [paused]);

  const submit = (e: Event) => {
    e.preventDefault();
    if (text.trim()) onCode(text, 'paste');
  };
  const toggleTorch = async () => {
    const s = scanner.current;
    if (!s) return;
    const on = await s.torch.set(!s.torch.on);
    setTorch({ supported: s.torch.supported, on });
  };

  return (
    <main class={`scan${kiosk ? ' scan-kiosk' : ''}`}>
      <div class="viewfinder" data-camera={camera}>
        <video ref={video} muted playsInline aria-hidden="true" />
        <div class="frame" aria-hidden="true" />
        <p class="hint" data-testid="camera-state">
          {camera === 'starting' ? t('cameraStarting', lang) : camera === 'on' ? t('scanHint', lang) : t('cameraUnavailable', lang)}
        </p>
      </div>
      {camera === 'on' && (cameras.length > 1 || torch.supported) && (
        <div class="camera-controls">
          {cameras.length > 1 && (
            <label>
              {t('cameraPick', lang)}{' '}
              <select data-testid="camera-select" value={scanner.current?.deviceId ?? ''} onChange={(e) => onCameraChange((e.target as HTMLSelectElement).value)}>
                {cameras.map((c, i) => (
                  <option key={c.deviceId} value={c.deviceId}>
                    {c.label || `${t('cameraPick', lang)} ${i + 1}`}
                  </option>
                ))}
              </select>
            </label>
          )}
          {torch.supported && (
            <button type="button" data-testid="torch" aria-pressed={torch.on} onClick={toggleTorch}>
              {t(torch.on ? 'torchOff' : 'torchOn', lang)}
            </button>
          )}
        </div>
      )}
      {!kiosk && (
        <>
          <InputBar lang={lang} onText={(code) => onCode(code, 'file')} onReadFailed={onReadFailed} />
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
        </>
      )}
    </main>
  );
}
