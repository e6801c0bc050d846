/**
 * Opening a camera takes a phone half a second or more, all of it in the browser's media stack,
 * none of it on the page's thread. So on the scan screen the page asks for the camera as its very
 * first act (early.ts), before the app's scripts have rendered anything, and the scan screen takes
 * that stream when it mounts instead of asking anew. Measured at 6× CPU, the ask used to wait
 * ~0.7 s behind first-paint script, layout and the effect that starts the scanner.
 *
 * The early ask uses the camera options the scanner last opened with (kept in localStorage: a
 * camera id and facing, nothing about a person), so a kiosk whose settings choose a camera gets
 * that camera, not a default that is closed and re-opened once the settings are read. A stream
 * nobody takes (the page moved on) is closed after UNCLAIMED_MS.
 */
import { videoConstraints, type CameraOptions } from './camera-devices.ts';

const HINT_KEY = 'gatecheck.camera';
const UNCLAIMED_MS = 10_000;

type Media = Pick<MediaDevices, 'getUserMedia'>;
type Store = Pick<Storage, 'getItem' | 'setItem'>;
type Early = { key: string; stream: Promise<MediaStream>; timer: ReturnType<typeof setTimeout> };

let early: Early | null = null;

/** Two option sets open the same camera when this is equal (a chosen camera wins over facing). */
const keyOf = (o: CameraOptions): string => (o.deviceId ? `id:${o.deviceId}` : `facing:${o.facing ?? 'environment'}`);

/** Lets the camera go: every track of the stream stopped. */
export const stopTracks = (s: MediaStream): void => {
  for (const t of s.getTracks()) t.stop();
};

const media = (): Media | undefined => globalThis.navigator?.mediaDevices;
const store = (): Store | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (some in-app browsers): the early ask uses the defaults
  }
};

export function rememberedCamera(s: Store | undefined = store()): CameraOptions {
  try {
    const v: unknown = JSON.parse(s?.getItem(HINT_KEY) ?? 'null');
    if (!v || typeof v !== 'object') return {};
    const { deviceId, facing } = v as Record<string, unknown>;
    return {
      ...(typeof deviceId === 'string' && deviceId ? { deviceId } : {}),
      ...(facing === 'user' || facing === 'environment' ? { facing } : {}),
    };
  } catch {
    return {};
  }
}

function remember(opts: CameraOptions, s: Store | undefined): void {
  try {
    s?.setItem(HINT_KEY, JSON.stringify({ deviceId: opts.deviceId, facing: opts.facing }));
  } catch {
    // Full or disabled storage: the next start uses the defaults, then re-opens.
  }
}

/** Asks for the camera now, to be taken by the scanner that mounts next. Does nothing without a camera API. */
export function openCameraEarly(m: Media | undefined = media(), s: Store | undefined = store()): void {
  if (early || typeof m?.getUserMedia !== 'function') return;
  const opts = rememberedCamera(s);
  performance.mark('gatecheck:camera-start');
  const stream = m.getUserMedia({ audio: false, video: videoConstraints(opts) });
  // A refusal here is the scanner's to report when it takes the stream; until then it is not unhandled.
  stream.catch(() => undefined);
  const entry: Early = {
    key: keyOf(opts),
    stream,
    timer: setTimeout(() => {
      if (early !== entry) return;
      early = null;
      stream.then(stopTracks, () => undefined);
    }, UNCLAIMED_MS),
  };
  early = entry;
}

/**
 * The camera stream for a scanner with these options: the early one when it was asked with the
 * same options, else a new ask (after the early one, if any, has let the camera go).
 */
export async function cameraStream(opts: CameraOptions, m: Media | undefined = media(), s: Store | undefined = store()): Promise<MediaStream> {
  const e = early;
  early = null;
  remember(opts, s);
  if (e) {
    clearTimeout(e.timer);
    if (e.key === keyOf(opts)) return e.stream;
    await e.stream.then(stopTracks, () => undefined);
  } else performance.mark('gatecheck:camera-start');
  if (!m) throw new DOMException('no camera API', 'NotFoundError');
  return m.getUserMedia({ audio: false, video: videoConstraints(opts) });
}
