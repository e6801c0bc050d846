/** The scan screen with what a scan session puts over it: parts read so far, the held notice, the result. */
import { useEffect } from 'preact/hooks';
import { DEMO_BUILD } from '../demo/demo-build.ts';
import { prepareAudio } from '../result/feedback.ts';
import { cameraPlaying, whenIdle } from '../scan/camera-playing.ts';
import type { Lang } from '../i18n/strings.ts';
import { HeldNotice } from '../kiosk/HeldNotice.tsx';
import { ResultScreen, RETURN_AFTER_S } from '../result/ResultScreen.tsx';
import { ChunkProgress } from '../scan/ChunkProgress.tsx';
import { ScanScreen } from '../scan/ScanScreen.tsx';
import type { ScanSession } from '../session/use-scan-session.ts';
import { useSessionView } from '../session/session-view.ts';
import { useKioskUpdate } from '../pwa/use-pwa.ts';
import type { PwaState } from '../pwa/register.ts';
import type { Settings, SettingsPatch } from '../settings/settings.ts';

interface Props {
  lang: Lang;
  kiosk: boolean;
  settings: Settings;
  /** The stored settings are read (until then `settings` holds the defaults). */
  settingsReady: boolean;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  session: ScanSession;
  /** The bundle is a demo: results carry a DEMO badge. */
  demo: boolean;
  /** The installed app's state: a kiosk takes a waiting version while no result is up. */
  pwa: PwaState | null;
}

export function ScanRoute({ lang, kiosk, settings, settingsReady, updateSettings, session, demo, pwa }: Props) {
  const { verdict, heldNow, partsRead } = useSessionView(session.view);
  useKioskUpdate(pwa, kiosk && verdict === null);
  // The tones' audio context, made at idle once the camera plays, not by the first verdict.
  useEffect(() => {
    if (!settings.sounds) return;
    let live = true;
    void cameraPlaying(3000).then(() => whenIdle(() => live && prepareAudio(), 1000));
    return () => void (live = false);
  }, [settings.sounds]);
  // A kiosk always resets by itself, even when staff chose "until tapped" for the staffed gate.
  // A misread never waits for a tap: the holder is scanning again.
  const seconds = !verdict
    ? 0
    : verdict.outcome === 'NOT_READ'
      ? RETURN_AFTER_S.NOT_READ
      : settings.resultSeconds[verdict.outcome === 'PASS' ? 'pass' : 'fail'] || (kiosk ? RETURN_AFTER_S[verdict.outcome] : 0);
  return (
    <>
      <ScanScreen
        lang={lang}
        onCode={(text, source) => session.judge(text, source)}
        onReadFailed={session.onReadFailed}
        paused={verdict !== null}
        camera={settingsReady ? settings.camera : null}
        onCameraChange={(deviceId) => void updateSettings({ camera: { deviceId } })}
        kiosk={kiosk}
        notice={heldNow && <HeldNotice outcome={heldNow} lang={lang} kiosk={kiosk} />}
      />
      {partsRead && !verdict && <ChunkProgress parts={partsRead} lang={lang} />}
      {verdict && (
        <ResultScreen
          key={verdict.checkedAt}
          verdict={verdict}
          lang={lang}
          onDone={session.closeResult}
          seconds={seconds}
          feedback={{ sounds: settings.sounds, vibration: settings.vibration }}
          large={kiosk && settings.kiosk.largeType}
          demo={DEMO_BUILD && demo}
        />
      )}
    </>
  );
}
