/** Asks for the kiosk PIN before an admin screen opens; locks for a while after repeated wrong tries. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/strings.ts';
import { MAX_TRIES, PIN_MAX_LENGTH, lockRemainingMs, pinFailed, verifyPin, type PinRecord } from './pin.ts';
import { readAttempts, writeAttempts } from './pin-attempts.ts';
import { fill, s } from './strings.ts';

interface Props {
  lang: Lang;
  record: PinRecord;
  onUnlock: () => void;
  onCancel: () => void;
  /** What the PIN opens (default: the settings). */
  screen?: 'settings' | 'stats' | 'demo';
  /** Say that the device is a kiosk, staff only. */
  kiosk?: boolean;
}

const TITLE = { settings: 'pinTitle', stats: 'pinTitleStats', demo: 'pinTitleDemo' } as const;

export function PinGate({ lang, record, onUnlock, onCancel, screen = 'settings', kiosk = false }: Props) {
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [attempts, setAttempts] = useState(readAttempts);
  const [wrong, setWrong] = useState(false);
  const [now, setNow] = useState(Date.now());
  const input = useRef<HTMLInputElement>(null);
  const lockedMs = lockRemainingMs(attempts, now);

  // Tick once a second while locked, so the countdown moves and the input comes back by itself.
  useEffect(() => {
    if (lockedMs <= 0) return;
    const id = setTimeout(() => setNow(Date.now()), Math.min(1000, lockedMs));
    return () => clearTimeout(id);
  }, [lockedMs, now]);

  useEffect(() => {
    if (lockedMs <= 0 && !checking) input.current?.focus();
  }, [lockedMs > 0, checking]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (checking || lockRemainingMs(attempts, Date.now()) > 0 || pin === '') return;
    setChecking(true);
    const ok = await verifyPin(pin, record).catch(() => false);
    setChecking(false);
    setPin('');
    if (ok) {
      writeAttempts({ failures: 0, lockouts: 0, lockedUntil: 0 });
      onUnlock();
      return;
    }
    const next = pinFailed(attempts, Date.now());
    writeAttempts(next);
    setAttempts(next);
    setNow(Date.now());
    setWrong(true);
  };

  const message =
    lockedMs > 0
      ? fill(s('pinLocked', lang), { seconds: Math.ceil(lockedMs / 1000) })
      : wrong && attempts.failures > 0
        ? fill(s('pinWrong', lang), { left: MAX_TRIES - attempts.failures })
        : '';

  return (
    <main class="settings settings-pin" data-testid="pin-gate">
      <form class="pin-card" onSubmit={submit}>
        <h1>{s(TITLE[screen], lang)}</h1>
        {kiosk && <p class="settings-hint">{s('pinKioskNote', lang)}</p>}
        <label for="pin-input">{s('pinLabel', lang)}</label>
        <input
          id="pin-input"
          ref={input}
          data-testid="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PIN_MAX_LENGTH}
          value={pin}
          disabled={lockedMs > 0 || checking}
          aria-describedby="pin-message"
          aria-invalid={wrong && lockedMs <= 0}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
        <p id="pin-message" class="settings-error" data-testid="pin-error" role="alert" aria-live="assertive">
          {message}
        </p>
        <div class="settings-actions">
          <button type="submit" class="settings-primary" data-testid="pin-submit" disabled={lockedMs > 0 || checking || pin === ''}>
            {checking ? s('pinChecking', lang) : s('pinSubmit', lang)}
          </button>
          <button type="button" data-testid="pin-cancel" onClick={onCancel}>
            {s('cancel', lang)}
          </button>
        </div>
      </form>
    </main>
  );
}
