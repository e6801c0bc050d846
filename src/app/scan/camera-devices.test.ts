import { describe, expect, it } from 'vitest';
import { camerasOf, torchOf, videoConstraints } from './camera-devices.ts';

describe('videoConstraints', () => {
  it('asks for the rear camera by default and the front one for kiosks', () => {
    expect(videoConstraints().facingMode).toEqual({ ideal: 'environment' });
    expect(videoConstraints({ facing: 'user' }).facingMode).toEqual({ ideal: 'user' });
  });

  it('prefers a chosen camera over the facing, without failing if it is gone', () => {
    const c = videoConstraints({ deviceId: 'usb-cam', facing: 'user' });
    expect(c.deviceId).toEqual({ ideal: 'usb-cam' });
    expect(c.facingMode).toBeUndefined();
  });
});

describe('camerasOf', () => {
  const device = (kind: string, deviceId: string, label: string) => ({ kind, deviceId, label, groupId: '' }) as MediaDeviceInfo;

  it('lists video inputs that can be chosen', async () => {
    const media = {
      enumerateDevices: async () => [device('audioinput', 'mic', 'Mic'), device('videoinput', 'a', 'Back camera'), device('videoinput', '', ''), device('videoinput', 'b', '')],
    };
    expect(await camerasOf(media)).toEqual([
      { deviceId: 'a', label: 'Back camera' },
      { deviceId: 'b', label: '' },
    ]);
  });

  it('is empty without media devices or when enumeration fails', async () => {
    expect(await camerasOf(undefined)).toEqual([]);
    expect(await camerasOf({ enumerateDevices: () => Promise.reject(new Error('denied')) })).toEqual([]);
  });
});

describe('torchOf', () => {
  /** A track that records the constraints applied to it. */
  const track = (caps: object | (() => object) | undefined, refuse = false) => {
    const applied: unknown[] = [];
    return {
      applied,
      track: {
        getCapabilities: caps === undefined ? undefined : typeof caps === 'function' ? (caps as () => MediaTrackCapabilities) : () => caps as MediaTrackCapabilities,
        applyConstraints: async (c?: MediaTrackConstraints) => {
          if (refuse) throw new DOMException('track ended', 'InvalidStateError');
          applied.push(c);
        },
      },
    };
  };

  it('switches the torch through an advanced constraint and reports its state', async () => {
    const t = track({ torch: true });
    const torch = torchOf(t.track);
    expect(torch.supported).toBe(true);
    expect(torch.on).toBe(false);
    expect(await torch.set(true)).toBe(true);
    expect(torch.on).toBe(true);
    expect(await torch.set(false)).toBe(false);
    expect(t.applied).toEqual([{ advanced: [{ torch: true }] }, { advanced: [{ torch: false }] }]);
  });

  it('is unsupported without the capability, without getCapabilities, or when it throws, and never applies', async () => {
    for (const t of [track({}), track({ torch: false }), track(undefined), track(() => { throw new Error('old engine'); })]) {
      const torch = torchOf(t.track);
      expect(torch.supported).toBe(false);
      expect(await torch.set(true)).toBe(false);
      expect(t.applied).toEqual([]);
    }
    expect(torchOf(undefined).supported).toBe(false);
  });

  it('keeps its state when the browser refuses', async () => {
    const torch = torchOf(track({ torch: true }, true).track);
    expect(await torch.set(true)).toBe(false);
    expect(torch.on).toBe(false);
  });
});
