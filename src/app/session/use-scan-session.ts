/**
 * A scan session: every input — camera, scanner, image, paste — goes through judge(), the one place
 * a read becomes a verdict on screen. Codes held in view are judged once per showing (held-codes.ts),
 * parts of multi-part codes are gathered (reader.ts), a kiosk refuses a second entry (anti-passback.ts),
 * and every verdict shown is counted (stats).
 */
import { useCallback, useEffect, useMemo, useRef } from 'preact/hooks';
import type { ReasonCode } from '../../core/model/reasons.ts';
import type { Verdict } from '../../core/model/verdict.ts';
import type { VerifyContext } from '../../core/pipeline/run.ts';
import { attachKeyboardWedge } from '../input/keyboard-wedge.ts';
import { loadPipeline } from '../lazy/pipeline.ts';
import { onCameraSighting } from '../scan/camera-scanner.ts';
import { recordVerdict } from '../storage/stats-store.ts';
import { trustSettled, wantTrust } from '../trust/trust-settled.ts';
import { AntiPassback } from './anti-passback.ts';
import { codeKey, HeldCodes } from './held-codes.ts';
import { createReader, type Source } from './reader.ts';
import { ViewStore } from './session-view.ts';

export interface SessionOptions {
  /** Kiosk mode: debounce and anti-passback apply. */
  kiosk: boolean;
  /** A kiosk's debounce (ms): a code back within it is not judged again. */
  debounceMs: number;
  /** A kiosk's anti-passback window (ms); 0 turns it off. */
  passbackMs: number;
  /** The scan screen is showing (the path); with no result up, the held notice is polled. */
  scanPath: boolean;
  /** Asked at each keyboard-wedge scan: is the scan screen showing right now (not only at the last render)? */
  scansWanted: () => boolean;
  /** The context at verification time (trust, policy, now). */
  context: () => VerifyContext;
  /** Called before each verification: the trust service records the time seen. */
  noteTime: () => void;
}

export interface ScanSession {
  /** The verdict, parts read and held notice: the scan route subscribes (useSessionView). */
  view: ViewStore;
  closeResult(): void;
  judge(text: string, source: Source): Promise<void>;
  onReadFailed(code: ReasonCode, detail?: string): void;
}

export function useScanSession(o: SessionOptions): ScanSession {
  const view = useMemo(() => new ViewStore(), []);
  // Salted hashes in memory only, gone with the page. The kiosk's debounce lengthens the held window.
  const held = useMemo(() => new HeldCodes(), []);
  const passback = useMemo(() => new AntiPassback(0), []);
  held.setWindow(o.kiosk ? o.debounceMs : 0);
  passback.setWindow(o.passbackMs);
  // Every camera frame's code, also while a result is up: is the code just judged still held up?
  useEffect(() => onCameraSighting((text) => text !== null && void held.see(codeKey(text), Date.now())), [held]);
  // A camera code being judged, or a result on screen: further camera codes are left unclaimed
  // (the next frame offers them again), so one showing never gives two verdicts.
  const cameraBusy = useRef(false);
  const resultUp = useRef(false);
  const opts = useRef(o);
  opts.current = o;
  const read = useMemo(
    () => createReader({ pipeline: loadPipeline, trustSettled: () => (wantTrust(), trustSettled), beforeVerify: () => opts.current.noteTime(), context: () => opts.current.context() }),
    [],
  );

  // While the code just judged is still held up, its holder is told so (not the idle hint): on the
  // scan screen, with no result up.
  const heldNotice = useCallback((verdict: Verdict | null) => (opts.current.scanPath && verdict === null ? held.heldOutcome(Date.now()) : null), [held]);

  const closeResult = useCallback(() => {
    // The camera kept watching under the result: a code still held up stays judged (held).
    resultUp.current = false;
    view.set({ verdict: null, heldNow: heldNotice(null) });
  }, [view, heldNotice]);

  const show = useCallback(
    async (v: Verdict): Promise<Verdict> => {
      const shown = o.kiosk ? await passback.apply(v, Date.now()) : v;
      resultUp.current = true;
      view.set({ verdict: shown, heldNow: heldNotice(shown) });
      // Counted once the result is up: the count's storage work is no part of showing it.
      setTimeout(() => void recordVerdict(shown), 0);
      return shown;
    },
    [o.kiosk, passback, view, heldNotice],
  );

  const judge = useCallback(
    async (text: string, source: Source) => {
      // A code held up is read again and again (every camera frame; a presentation scanner): judge
      // it once while it stays in view. Paste and image are deliberate: always judged.
      let key: string | null = null;
      if (source === 'camera' || source === 'scanner') {
        if (source === 'camera' && (cameraBusy.current || resultUp.current)) return;
        key = codeKey(text);
        if (!held.claim(key, Date.now())) return;
      }
      // Claimed even if judging fails (the verifier could not load): no retry at frame rate; the
      // code shown again after it left view is judged again.
      if (source === 'camera') cameraBusy.current = true;
      try {
        const step = await read(text, source);
        if (step.kind === 'partial') return view.set({ partsRead: step.parts });
        view.set({ partsRead: null });
        const shown = await show(step.verdict);
        // What the holder is told while the code stays held up (HeldNotice).
        if (key) held.settle(key, shown.outcome);
      } finally {
        if (source === 'camera') cameraBusy.current = false;
      }
    },
    [held, read, show, view],
  );

  const onReadFailed = useCallback(
    (code: ReasonCode, detail?: string) => void loadPipeline().then(({ readFailed }) => show(readFailed({ code, ...(detail ? { detail } : {}) }, opts.current.context()))),
    [show],
  );

  // The held notice is polled on the scan screen: a code leaving view is the absence of reads,
  // which raises no event.
  useEffect(() => {
    const tick = () => view.set({ heldNow: heldNotice(view.get().verdict) });
    tick();
    if (!o.scanPath) return;
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
  }, [o.scanPath, heldNotice, view]);

  const judgeRef = useRef(judge);
  judgeRef.current = judge;
  // Listening from the start, not from when the scan screen's effects run: a scanner burst that
  // begins while the screen is switching (e.g. back from settings) loses no leading characters.
  useEffect(() => attachKeyboardWedge(document, (text) => opts.current.scansWanted() && void judgeRef.current(text, 'scanner')), []);

  return useMemo(() => ({ view, closeResult, judge, onReadFailed }), [view, closeResult, judge, onReadFailed]);
}
