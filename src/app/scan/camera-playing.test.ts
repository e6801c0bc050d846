import { afterEach, describe, expect, it, vi } from 'vitest';

// Each test imports the module afresh: it keeps one observer for the page's life.
const load = async () => {
  vi.resetModules();
  return import('./camera-playing.ts');
};
const settledWithin = (p: Promise<void>, ms: number) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('still waiting'), ms))]);

afterEach(() => performance.clearMarks());

describe('cameraPlaying', () => {
  it('resolves when the camera plays, and when it is known unavailable, long before its bound', async () => {
    for (const mark of ['gatecheck:camera-ready', 'gatecheck:camera-unavailable']) {
      const { cameraPlaying } = await load();
      const p = cameraPlaying(60_000);
      expect(await settledWithin(p, 50), `${mark}, not yet marked`).toBe('still waiting');
      performance.mark(mark);
      expect(await settledWithin(p, 2_000), mark).toBe('settled');
      performance.clearMarks();
    }
  });

  it('without either mark, resolves at its bound', async () => {
    const { cameraPlaying } = await load();
    performance.mark('gatecheck:camera-start');
    expect(await settledWithin(cameraPlaying(30), 2_000)).toBe('settled');
  });
});
