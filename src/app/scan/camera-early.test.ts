import { afterEach, describe, expect, it, vi } from 'vitest';
import { cameraStream, openCameraEarly, rememberedCamera } from './camera-early.ts';

/** A getUserMedia that records each ask and hands out streams whose tracks record stop(). */
function fakeMedia() {
  const asks: MediaStreamConstraints[] = [];
  const stopped: number[] = [];
  let n = 0;
  const media = {
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      asks.push(c);
      const id = ++n;
      return { id, getTracks: () => [{ stop: () => stopped.push(id) }] } as unknown as MediaStream;
    }),
  };
  return { media, asks, stopped };
}

function memoryStore(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

afterEach(async () => {
  // Leave no early stream for the next test.
  await cameraStream({}, fakeMedia().media, memoryStore()).catch(() => undefined);
  vi.useRealTimers();
});

describe('the early camera', () => {
  it('is taken by the scanner that asks with the same options: one getUserMedia in all', async () => {
    const { media, asks } = fakeMedia();
    const store = memoryStore();
    openCameraEarly(media, store);
    const s = (await cameraStream({}, media, store)) as unknown as { id: number };
    expect(s.id).toBe(1);
    expect(asks).toHaveLength(1);
    expect(asks[0]!.video).toMatchObject({ facingMode: { ideal: 'environment' } });
  });

  it('opens the camera the scanner last used (a kiosk’s chosen camera), remembered without personal data', async () => {
    const { media, asks } = fakeMedia();
    const store = memoryStore();
    await cameraStream({ deviceId: 'cam-2' }, fakeMedia().media, store);
    expect(JSON.parse(store.m.get('gatecheck.camera')!)).toEqual({ deviceId: 'cam-2' });
    openCameraEarly(media, store);
    expect(asks[0]!.video).toMatchObject({ deviceId: { ideal: 'cam-2' } });
    expect(((await cameraStream({ deviceId: 'cam-2' }, media, store)) as unknown as { id: number }).id).toBe(1);
    expect(asks).toHaveLength(1);
  });

  it('with other options, lets the early camera go before asking anew', async () => {
    const { media, asks, stopped } = fakeMedia();
    const store = memoryStore();
    openCameraEarly(media, store);
    const s = (await cameraStream({ facing: 'user' }, media, store)) as unknown as { id: number };
    expect(stopped).toEqual([1]);
    expect(s.id).toBe(2);
    expect(asks[1]!.video).toMatchObject({ facingMode: { ideal: 'user' } });
  });

  it('hands a refusal to the scanner that takes it (not an unhandled rejection before)', async () => {
    const media = { getUserMedia: vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError'))) };
    openCameraEarly(media, memoryStore());
    await new Promise((r) => setTimeout(r, 0));
    await expect(cameraStream({}, media, memoryStore())).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(media.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('closes a stream nobody takes after 10 s', async () => {
    vi.useFakeTimers();
    const { media, stopped } = fakeMedia();
    openCameraEarly(media, memoryStore());
    await vi.advanceTimersByTimeAsync(9_000);
    expect(stopped).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(stopped).toEqual([1]);
  });

  it('does nothing without a camera API, and reads a damaged hint as no hint', () => {
    expect(() => openCameraEarly(undefined, memoryStore())).not.toThrow();
    expect(rememberedCamera(memoryStore({ 'gatecheck.camera': '{not json' }))).toEqual({});
    expect(rememberedCamera(memoryStore({ 'gatecheck.camera': '{"deviceId":5,"facing":"up"}' }))).toEqual({});
    expect(rememberedCamera(memoryStore({ 'gatecheck.camera': '{"facing":"user"}' }))).toEqual({ facing: 'user' });
  });
});
