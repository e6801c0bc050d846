/**
 * The scan screen: live camera (decoded in a worker) with camera picker and torch, an image file,
 * and a paste box. Kiosk mode shows the camera large and hides the manual inputs.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Lang } from '../i18n/strings.ts';
import { listCameras, startCameraScanner, type CameraOptions, type CameraScanner } from './camera-scanner.ts';
import { START_WAIT_MS } from './camera-playing.ts';
import { cameraApiProblem, cameraProblemOf, watchCameraPermission, type CameraProblem as Problem } from './camera-errors.ts';
import { CameraProblem } from './CameraProblem.tsx';
import { InputBar } from '../input/InputBar.tsx';
import { PasteBox } from '../input/PasteBox.tsx';
import type { ComponentChildren } from 'preact';
import type { ReasonCode } from '../../core/model/reasons.ts';

interface Props {
  lang: Lang;
  /** A returned promise settles once the code is judged (the paste box clears then). */
  onCode: (text: string, source: 'camera' | 'paste' | 'file') => void | Promise<void>;
  onReadFailed: (code: ReasonCode) => void;
  /** True while a result is shown: decoding pauses, the camera stays on. */
  paused: boolean;
  /** Which camera; null until the settings are read (the early stream is on its way meanwhile: camera-early.ts). */
  camera: CameraOptions | null;
  onCameraChange: (deviceId: string) => void;
  kiosk: boolean;
  /** Shown over the camera instead of the idle hint (a judged code still held up: App.tsx). */
  notice?: ComponentChildren;
}

/**
 * The image and paste inputs appear once the camera is on or known unavailable (they are its
 * fallback), or after START_WAIT_MS. Their first layout (a textarea, the fonts of four more
 * sizes) would otherwise run on the page's thread while the camera opens, whose steps queue
 * behind it: measured at 6× CPU, the camera played ≈ 50–90 ms later with them in the first render.
 */
function useInputsAfterCamera(camera: 'starting' | 'on' | 'unavailable'): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (shown) return;
    if (camera !== 'starting') return setShown(true);
    const timer = setTimeout(() => setShown(true), START_WAIT_MS);
    return () => clearTimeout(timer);
  }, [camera, shown]);
  return shown;
}

export function ScanScreen({ lang, onCode, onReadFailed, paused, camera: cameraOpts, onCameraChange, kiosk, notice }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<CameraScanner | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [camera, setCamera] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const inputsShown = useInputsAfterCamera(camera);
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const [torch, setTorch] = useState<{ supported: boolean; on: boolean }>({ supported: false, on: false });
  // Why the camera is unavailable, and Retry (a new attempt re-runs the start effect).
  const [problem, setProblem] = useState<Problem>('failed');
  const [attempt, setAttempt] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const retry = () => {
    setRetrying(true);
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    let cancelled = false;
    const noApi = cameraApiProblem();
    if (noApi) {
      setProblem(noApi);
      setCamera('unavailable');
      setRetrying(false);
      return;
    }
    // A retry keeps the message up (its button busy) until the camera runs or fails again.
    setCamera((c) => (c === 'unavailable' ? c : 'starting'));
    if (!cameraOpts) return;
    startCameraScanner(
      video.current!,
      // Not paused here: App judges each code once while it stays in view, and `paused` stops
      // delivery while a result is shown (camera-scanner.ts keeps watching, src/app/session/held-codes.ts).
      (code) => void onCodeRef.current(code, 'camera'),
      cameraOpts,
    ).then(
      async (s) => {
        if (cancelled) return s.stop();
        scanner.current = s;
        setCamera('on');
        setRetrying(false);
        setTorch({ supported: s.torch.supported, on: s.torch.on });
        // Labels are only known once a camera is allowed.
        setCameras(await listCameras().catch(() => []));
      },
      (e: unknown) => {
        if (cancelled) return;
        console.warn('gatecheck: camera did not start', e);
        setProblem(cameraProblemOf(e));
        setCamera('unavailable');
        setRetrying(false);
      },
    );
    return () => {
      cancelled = true;
      scanner.current?.stop();
      scanner.current = null;
    };
  }, [cameraOpts === null, cameraOpts?.deviceId, cameraOpts?.facing, attempt]);

  // Allowed in the site settings while the message is up: start without waiting for Retry.
  useEffect(() => (camera === 'unavailable' && problem === 'denied' ? watchCameraPermission(retry) : undefined), [camera, problem]);

  useEffect(() => {
    if (paused) scanner.current?.pause();
    else scanner.current?.resume();
  }, [paused]);

  const toggleTorch = async () => {
    const s = scanner.current;
    if (!s) return;
    const on = await s.torch.set(!s.torch.on);
    setTorch({ supported: s.torch.supported, on });
  };

  return (
    <main class={`scan${kiosk ? ' scan-kiosk' : ''}`}>
      <div class="viewfinder" data-camera={camera} hidden={camera === 'unavailable'}>
        <video ref={video} muted playsInline aria-hidden="true" />
        <div class="frame" aria-hidden="true" />
        <p class="hint" data-testid="camera-state">
          {camera === 'starting' ? t('cameraStarting', lang) : camera === 'on' ? t('scanHint', lang) : t('cameraUnavailable', lang)}
        </p>
        {camera === 'on' && notice}
      </div>
      {camera === 'unavailable' && <CameraProblem lang={lang} problem={problem} retrying={retrying} onRetry={retry} kiosk={kiosk} />}
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
      {!kiosk && inputsShown && (
        <>
          <InputBar lang={lang} onText={(code) => onCode(code, 'file')} onReadFailed={onReadFailed} />
          <PasteBox lang={lang} onText={(code) => onCode(code, 'paste')} />
        </>
      )}
    </main>
  );
}
