import { afterEach, describe, expect, it, vi } from 'vitest';

/** Node has no Web Audio: a stand-in that counts contexts made and tones started. */
class CountingAudioContext {
  static made = 0;
  static tones = 0;
  currentTime = 0;
  destination = {};
  constructor() {
    CountingAudioContext.made++;
  }
  resume() {
    return Promise.resolve();
  }
  createGain() {
    const param = { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined };
    return { gain: param, connect: (d: unknown) => d };
  }
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect: (g: { connect: (d: unknown) => unknown }) => g, start: () => void CountingAudioContext.tones++, stop: () => undefined };
  }
}

const fresh = async () => {
  vi.resetModules(); // the context is module state
  return import('./feedback.ts');
};

afterEach(() => {
  vi.unstubAllGlobals();
  CountingAudioContext.made = CountingAudioContext.tones = 0;
});

describe('feedback: the audio context made ahead of the first verdict', () => {
  it('prepareAudio makes the one context the verdict tones then use', async () => {
    vi.stubGlobal('AudioContext', CountingAudioContext);
    const { prepareAudio, playFeedback, TONES } = await fresh();
    prepareAudio();
    prepareAudio();
    expect(CountingAudioContext.made).toBe(1);
    playFeedback('PASS', { sounds: true, vibration: false });
    expect(CountingAudioContext.made).toBe(1);
    expect(CountingAudioContext.tones).toBe(TONES.PASS.length);
  });

  it('without it, the first verdict makes the context itself', async () => {
    vi.stubGlobal('AudioContext', CountingAudioContext);
    const { playFeedback, TONES } = await fresh();
    playFeedback('FAIL', { sounds: true, vibration: false });
    expect(CountingAudioContext.made).toBe(1);
    expect(CountingAudioContext.tones).toBe(TONES.FAIL.length);
  });

  it('does nothing where there is no Web Audio', async () => {
    vi.stubGlobal('AudioContext', undefined);
    const { prepareAudio } = await fresh();
    expect(() => prepareAudio()).not.toThrow();
  });
});
