/** Which camera to open, the list to pick from, and the torch (flashlight) of an open one. */

export interface CameraOptions {
  /** A camera from listCameras(). Preferred, not required: if it is gone, another one opens. */
  deviceId?: string;
  /** Rear ('environment', the default) for handheld use; front ('user') for kiosks. */
  facing?: 'environment' | 'user';
}

export interface CameraInfo {
  deviceId: string;
  label: string;
}

/**
 * Video inputs, in the browser's order. Browsers hide labels (and some hide ids) until camera
 * permission is granted, so call this once a scanner is running; cameras without an id are left
 * out (they cannot be chosen). Empty when the platform has no media devices.
 */
export function listCameras(): Promise<CameraInfo[]> {
  return camerasOf(globalThis.navigator?.mediaDevices);
}

export async function camerasOf(media: Pick<MediaDevices, 'enumerateDevices'> | undefined): Promise<CameraInfo[]> {
  if (!media?.enumerateDevices) return [];
  try {
    const devices = await media.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== '').map((d) => ({ deviceId: d.deviceId, label: d.label }));
  } catch {
    return [];
  }
}

/** getUserMedia constraints: a chosen camera wins over the facing preference. */
export function videoConstraints(opts: CameraOptions = {}): MediaTrackConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  // `ideal`, not `exact`: a kiosk whose saved camera was unplugged still gets a picture, and
  // CameraScanner.deviceId tells the UI which camera it really got.
  return opts.deviceId ? { deviceId: { ideal: opts.deviceId }, ...size } : { facingMode: { ideal: opts.facing ?? 'environment' }, ...size };
}

export interface Torch {
  readonly supported: boolean;
  readonly on: boolean;
  /** Asks for the torch on or off; resolves to its state afterwards (unchanged where unsupported or refused). */
  set(on: boolean): Promise<boolean>;
}

/** `torch` is a Chromium (Android) constraint missing from TypeScript's DOM types. */
type TorchTrack = Pick<MediaStreamTrack, 'applyConstraints'> & { getCapabilities?: () => MediaTrackCapabilities & { torch?: unknown } };

export function torchOf(track: TorchTrack | undefined): Torch {
  let supported = false;
  try {
    supported = track?.getCapabilities?.().torch === true;
  } catch {
    supported = false; // getCapabilities throws on some older engines
  }
  let on = false;
  return {
    supported,
    get on() {
      return on;
    },
    async set(want) {
      if (!supported || !track) return on;
      try {
        await track.applyConstraints({ advanced: [{ torch: want } as MediaTrackConstraintSet] });
        on = want;
      } catch {
        // Refused (e.g. the track has stopped): the torch stays as it was.
      }
      return on;
    },
  };
}
