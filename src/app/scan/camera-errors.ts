/**
 * Why the camera did not start, in the terms an operator can act on. getUserMedia rejects with a
 * DOMException whose name says it (MDN, "MediaDevices.getUserMedia(): Exceptions"):
 *
 * | kind       | from                                                    | what helps                     |
 * |------------|---------------------------------------------------------|--------------------------------|
 * | `denied`   | NotAllowedError (the person or a browser policy said no) | allow it in the site settings  |
 * | `missing`  | NotFoundError, OverconstrainedError (no such camera)     | connect a camera               |
 * | `busy`     | NotReadableError, AbortError (held by another app)       | close the other app            |
 * | `insecure` | no `navigator.mediaDevices` (plain http), SecurityError  | open the app over https        |
 * | `failed`   | anything else (the picture would not play, …)            | retry, restart the browser     |
 */
export type CameraProblem = 'denied' | 'missing' | 'busy' | 'insecure' | 'failed';

export function cameraProblemOf(error: unknown): CameraProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // older Chrome
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError': // older Chrome
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError': // older Chrome
    case 'AbortError':
      return 'busy';
    case 'SecurityError':
      return 'insecure';
    default:
      return 'failed';
  }
}

/** Whether this page can ask for a camera at all: getUserMedia exists only in secure contexts. */
export function cameraApiProblem(): CameraProblem | null {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) return typeof isSecureContext !== 'undefined' && !isSecureContext ? 'insecure' : 'missing';
  return null;
}

/**
 * Calls `onGranted` when the camera permission turns to "granted" (the operator allowed it in the
 * site settings while the message was up), where the Permissions API can watch it. Returns a stop.
 */
const INITIAL_GRANT_GAP_MS = 10_000;
let lastInitialGrant = -Infinity;

export function watchCameraPermission(onGranted: () => void): () => void {
  let stopped = false;
  let status: PermissionStatus | null = null;
  const onChange = () => {
    if (!stopped && status?.state === 'granted') onGranted();
  };
  navigator.permissions
    ?.query({ name: 'camera' as PermissionName })
    .then((s) => {
      if (stopped) return;
      status = s;
      s.addEventListener('change', onChange);
      // Allowed before the query answered: no change event will come, so act on the state now —
      // at most every INITIAL_GRANT_GAP_MS, since a browser may say "granted" while the system
      // still blocks the camera, and each refusal installs a new watcher.
      if (s.state === 'granted' && Date.now() - lastInitialGrant > INITIAL_GRANT_GAP_MS) {
        lastInitialGrant = Date.now();
        onChange();
      }
    })
    .catch(() => undefined); // Firefox and older Safari cannot query "camera": Retry is the way there
  return () => {
    stopped = true;
    status?.removeEventListener('change', onChange);
  };
}
