/**
 * /holder (demo world only): the holder's side of a device-bound code. A device key made here, a
 * code bound to it from the demo server, and the live presentation as a QR code re-signed every
 * slot (src/holder/present.ts), with the slot's time and a countdown to the next one.
 *
 * Nothing is logged or stored: the key and the code live in this page's memory (holder-device.ts
 * says why). The presentation on screen is exposed as `data-presentation` on the QR's figure —
 * it is what the QR shows anyway — so tests can tell which slot a screenshot caught.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SLOT_SECONDS } from '../../core/formats/cn-hc/constants.ts';
import type { LocalizedName } from '../../core/model/verdict.ts';
import { present, slotOf } from '../../holder/present.ts';
import { localDateTime, t, type Lang } from '../i18n/strings.ts';
import { setUpDevice, type HolderDevice } from './holder-device.ts';
import { hs, type HolderStringKey } from './holder-strings.ts';
import { drawQr } from './qr-canvas.ts';
import './holder.css';

interface Props {
  lang: Lang;
  /** null: the trust list has not said yet whether this is a demo world. */
  demo: boolean | null;
  issuerName(id: string): LocalizedName | undefined;
}

type Shown = { text: string; slot: number };

const pad = (n: number) => String(n).padStart(2, '0');
/** The slot's start as local HH:MM:SS: what the holder compares with the gate's clock. */
const slotTime = (slot: number) => {
  const d = new Date(slot * SLOT_SECONDS * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};

export function HolderPage({ lang, demo, issuerName }: Props) {
  const [device, setDevice] = useState<HolderDevice | null>(null);
  const [problem, setProblem] = useState<HolderStringKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState<Shown | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const canvas = useRef<HTMLCanvasElement>(null);

  // The device: only in a demo world, once per page (or per Retry).
  useEffect(() => {
    if (demo !== true) return;
    let live = true;
    setProblem(null);
    void setUpDevice().then((r) => {
      if (!live) return;
      if (r.ok) setDevice(r.value);
      else setProblem(r.reason.code);
    });
    return () => {
      live = false;
    };
  }, [demo, attempt]);

  // Each second: the countdown; each new slot: a new presentation, signed by the device key.
  useEffect(() => {
    if (!device) return;
    let live = true;
    let last = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const at = new Date();
      const slot = slotOf(at);
      if (slot !== last) {
        last = slot;
        const p = await present(device.code, device.key, at);
        if (!live) return;
        if (p.ok) setShown({ text: p.value, slot });
        else setProblem(p.reason.code);
      }
      setNow(Date.now());
      // Just past the next whole second, so the countdown and the slot change land on time.
      timer = setTimeout(() => void tick(), 1005 - (Date.now() % 1000));
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [device]);

  useEffect(() => {
    const c = canvas.current;
    // As wide as the figure leaves room for, in whole device pixels per module.
    if (shown && c?.parentElement) drawQr(c, shown.text, c.parentElement.clientWidth - 16, devicePixelRatio || 1);
  }, [shown]);

  const left = shown ? Math.max(0, Math.ceil(((shown.slot + 1) * SLOT_SECONDS * 1000 - now) / 1000)) : SLOT_SECONDS;
  return (
    <main class="holder" data-testid="holder-page" data-state={problem ? 'problem' : shown ? 'live' : 'starting'}>
      <p class="holder-demo">
        <span class="badge-demo">{t('demoBadge', lang)}</span> {hs('title', lang)}
      </p>
      {demo === null && <p role="status">{hs('waitingTrust', lang)}</p>}
      {demo === false && (
        <p class="holder-problem" role="status" data-testid="holder-not-demo">
          {hs('notDemo', lang)}
        </p>
      )}
      {demo && !shown && !problem && <p role="status">{hs('makingKey', lang)}</p>}
      {problem && (
        <p class="holder-problem" role="alert" data-testid="holder-problem" data-problem={problem}>
          {hs(problem, lang)}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {hs('retry', lang)}
          </button>
        </p>
      )}
      {device && shown && (
        <>
          <figure class="holder-qr" data-testid="holder-qr" data-presentation={shown.text} data-slot={shown.slot}>
            <canvas ref={canvas} role="img" aria-label={hs('qrAlt', lang)} />
          </figure>
          <p class="holder-clock">
            <span>
              {hs('slot', lang)} <strong data-testid="holder-slot-time">{slotTime(shown.slot)}</strong>
            </span>
            <span class="holder-countdown" data-testid="holder-countdown">
              {left} {hs('nextIn', lang)}
            </span>
          </p>
          <progress class="holder-progress" max={SLOT_SECONDS} value={SLOT_SECONDS - left} aria-hidden="true" />
          <p class="holder-hint">{hs('showToGate', lang)}</p>
          <dl class="holder-facts">
            <dt>{hs('issuer', lang)}</dt>
            <dd>{issuerName(device.issuer)?.[lang] ?? device.issuer}</dd>
            <dt>{hs('boundTo', lang)}</dt>
            <dd>ECDSA P-256 · {t('validUntil', lang)} {localDateTime(device.expiresAt)}</dd>
          </dl>
        </>
      )}
      <p class="holder-intro">{hs('intro', lang)}</p>
      <p class="holder-intro">{hs('keyMemory', lang)}</p>
    </main>
  );
}
