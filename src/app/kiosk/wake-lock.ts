/** Kiosk screen: keep it awake (Screen Wake Lock, re-acquired when the page is shown again) and fullscreen. */

export function keepAwake(): () => void {
  let lock: { release(): Promise<void> } | null = null;
  let active = true;
  const wl = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock;
  const acquire = async () => {
    if (!active || !wl || document.visibilityState !== 'visible') return;
    try {
      lock = await wl.request('screen');
    } catch {
      /* denied (battery saver, not visible): the kiosk still works, the screen may dim */
    }
  };
  const onVisible = () => void acquire();
  document.addEventListener('visibilitychange', onVisible);
  void acquire();
  return () => {
    active = false;
    document.removeEventListener('visibilitychange', onVisible);
    void lock?.release().catch(() => {});
  };
}

export async function enterFullscreen(): Promise<void> {
  if (document.fullscreenElement || !document.documentElement.requestFullscreen) return;
  try {
    await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    /* needs a user gesture or is not allowed: kiosk works windowed */
  }
}
