/**
 * Pass/fail feedback beyond the screen: distinct tones (generated, no audio files to load or
 * cache) and vibration patterns, so staff who are looking at the person, not the phone, still know.
 */
import type { Outcome } from '../../core/model/verdict.ts';

/**
 * PASS: two short rising tones. FAIL: three low, harsh pulses — unlike PASS in pitch, rhythm and
 * timbre. NOT_READ: one soft mid tone, the "try again" of a till scanner: neither verdict.
 */
export const TONES: Record<Outcome, { freq: number; start: number; dur: number; type: OscillatorType }[]> = {
  PASS: [
    { freq: 880, start: 0, dur: 0.09, type: 'sine' },
    { freq: 1320, start: 0.12, dur: 0.14, type: 'sine' },
  ],
  FAIL: [0, 0.22, 0.44].map((start) => ({ freq: 196, start, dur: 0.16, type: 'square' as const })),
  NOT_READ: [{ freq: 523, start: 0, dur: 0.12, type: 'triangle' }],
};

export const VIBRATION: Record<Outcome, number[]> = { PASS: [60], FAIL: [220, 90, 220, 90, 220], NOT_READ: [30, 60, 30] };

let audio: AudioContext | null = null;

/**
 * Creates the audio context ahead of the first verdict: on a slow phone its creation held the
 * page's thread ≈ 100 ms (6× CPU, a profile of the app) just as the first result appeared. Made
 * without a user gesture it starts suspended, as it would at a verdict; playFeedback resumes it.
 */
export function prepareAudio(): void {
  if (audio || typeof AudioContext === 'undefined') return;
  try {
    audio = new AudioContext();
  } catch {
    /* no audio output: playFeedback will try again, and the screen and vibration still say it */
  }
}

export function playFeedback(outcome: Outcome, opts: { sounds: boolean; vibration: boolean }): void {
  if (opts.vibration && typeof navigator.vibrate === 'function') navigator.vibrate(VIBRATION[outcome]);
  if (!opts.sounds) return;
  prepareAudio(); // made ahead of the verdict, normally (ScanRoute)
  if (!audio) return;
  try {
    void audio.resume();
    const t0 = audio.currentTime + 0.01;
    for (const tone of TONES[outcome]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = tone.type;
      osc.frequency.value = tone.freq;
      // Short ramps avoid clicks; the level stays moderate (square waves are loud).
      gain.gain.setValueAtTime(0, t0 + tone.start);
      gain.gain.linearRampToValueAtTime(tone.type === 'square' ? 0.12 : tone.type === 'triangle' ? 0.2 : 0.3, t0 + tone.start + 0.01);
      gain.gain.linearRampToValueAtTime(0, t0 + tone.start + tone.dur);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + tone.start);
      osc.stop(t0 + tone.start + tone.dur + 0.02);
    }
  } catch {
    /* no audio output: the screen and vibration still say it */
  }
}
