/**
 * The settings screen. With a kiosk PIN set it asks for the PIN first. Edits stay in the form
 * until Save; the caller stores them (onSave) — this component holds no storage code.
 */
import { useState } from 'preact/hooks';
import type { LocalizedName } from '../../core/model/verdict.ts';
import type { Lang } from '../i18n/strings.ts';
import { CheckField, SelectField, TextField } from './fields.tsx';
import { readForm, toFormValues, type FormErrors, type FormValues } from './form.ts';
import { PinGate } from './PinGate.tsx';
import { createPinRecord } from './pin.ts';
import type { Settings } from './settings.ts';
import { s } from './strings.ts';
import './settings.css';

export interface SettingsScreenProps {
  lang: Lang;
  settings: Settings;
  policies: readonly { id: string; names: LocalizedName }[];
  /** From navigator.mediaDevices.enumerateDevices(); without it only front/rear can be chosen. */
  cameras?: readonly { deviceId: string; label: string }[];
  /** Store the settings; a rejection shows "could not save" and keeps the form open. */
  onSave: (next: Settings) => void | Promise<unknown>;
  onClose: () => void;
  /** The caller already asked for the PIN (the app shell locks every admin screen in one place). */
  unlocked?: boolean;
}

type Status = 'idle' | 'saving' | 'saved' | 'failed' | 'invalid';

export function SettingsScreen(props: SettingsScreenProps) {
  // Decided once: saving a new PIN from inside must not lock the screen under the user.
  const [unlocked, setUnlocked] = useState(() => props.unlocked === true || !props.settings.kiosk.pin);
  if (!unlocked && props.settings.kiosk.pin)
    return <PinGate lang={props.lang} record={props.settings.kiosk.pin} onUnlock={() => setUnlocked(true)} onCancel={props.onClose} />;
  return <SettingsForm {...props} />;
}

function SettingsForm({ lang, settings, policies, cameras, onSave, onClose }: SettingsScreenProps) {
  const [v, setV] = useState<FormValues>(() => toFormValues(settings));
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status>('idle');
  const set = <K extends keyof FormValues>(k: K) => (value: FormValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setStatus('idle');
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const r = readForm(v, settings);
    if (!r.ok) {
      setErrors(r.errors);
      setStatus('invalid');
      return;
    }
    setErrors({});
    setStatus('saving');
    try {
      const next = r.newPin === undefined ? r.settings : { ...r.settings, kiosk: { ...r.settings.kiosk, pin: await createPinRecord(r.newPin) } };
      await onSave(next);
      setV((old) => ({ ...old, newPin: '', newPinConfirm: '', removePin: false }));
      setStatus('saved');
    } catch (err) {
      console.warn('gatecheck: saving settings failed', err);
      setStatus('failed');
    }
  };

  const policyOptions = policies.map((p) => ({ value: p.id, label: p.names[lang] }));
  if (!policies.some((p) => p.id === v.policyId)) policyOptions.push({ value: v.policyId, label: `${v.policyId} ${s('policyUnavailable', lang)}` });
  const cameraOptions = [
    { value: '', label: s('deviceAuto', lang) },
    ...(cameras ?? []).map((c, i) => ({ value: c.deviceId, label: c.label || `${s('deviceUnnamed', lang)} ${i + 1}` })),
  ];
  if (v.deviceId && !cameras?.some((c) => c.deviceId === v.deviceId)) cameraOptions.push({ value: v.deviceId, label: `${s('deviceUnnamed', lang)} (${v.deviceId.slice(0, 8)}…)` });
  const hasPin = settings.kiosk.pin !== undefined;
  // Kiosk mode without a PIN that stays: ask for one, or for "no PIN" explicitly.
  const needsPinChoice = v.kioskEnabled && (!hasPin || v.removePin);

  return (
    <main class="settings" data-testid="settings">
      <header class="settings-head">
        <h1>{s('title', lang)}</h1>
        <button type="button" class="settings-link" data-testid="settings-close" onClick={onClose}>
          {s('close', lang)}
        </button>
      </header>
      <form onSubmit={save} noValidate>
        <div class="settings-sections">
          <fieldset>
            <legend>{s('sectionGeneral', lang)}</legend>
            <SelectField
              id="settings-lang"
              lang={lang}
              label={s('lang', lang)}
              value={v.lang}
              onChange={set('lang')}
              options={[
                { value: 'auto', label: s('langAuto', lang) },
                { value: 'zh-CN', label: s('langZh', lang) },
                { value: 'en', label: s('langEn', lang) },
              ]}
            />
            <SelectField id="settings-policy" lang={lang} label={s('policy', lang)} value={v.policyId} onChange={set('policyId')} options={policyOptions} />
            <CheckField id="settings-sounds" lang={lang} label={s('sounds', lang)} checked={v.sounds} onChange={set('sounds')} />
            <CheckField id="settings-vibration" lang={lang} label={s('vibration', lang)} checked={v.vibration} onChange={set('vibration')} />
          </fieldset>

          <fieldset>
            <legend>{s('sectionResult', lang)}</legend>
            <TextField id="settings-pass-seconds" lang={lang} numeric label={s('passSeconds', lang)} hint={s('secondsHint', lang)} value={v.passSeconds} error={errors.passSeconds} onInput={set('passSeconds')} />
            <TextField id="settings-fail-seconds" lang={lang} numeric label={s('failSeconds', lang)} hint={s('secondsHint', lang)} value={v.failSeconds} error={errors.failSeconds} onInput={set('failSeconds')} />
          </fieldset>

          <fieldset>
            <legend>{s('sectionCamera', lang)}</legend>
            <SelectField
              id="settings-camera-facing"
              lang={lang}
              label={s('facing', lang)}
              value={v.facing}
              onChange={set('facing')}
              options={[
                { value: 'environment', label: s('facingEnvironment', lang) },
                { value: 'user', label: s('facingUser', lang) },
              ]}
            />
            {cameraOptions.length > 1 && <SelectField id="settings-camera-device" lang={lang} label={s('device', lang)} value={v.deviceId} onChange={set('deviceId')} options={cameraOptions} />}
          </fieldset>

          <fieldset>
            <legend>{s('sectionKiosk', lang)}</legend>
            <CheckField id="settings-kiosk-enabled" lang={lang} label={s('kioskEnabled', lang)} checked={v.kioskEnabled} onChange={set('kioskEnabled')} />
            {needsPinChoice && !v.noPin && v.newPin === '' && (
              <p class="settings-callout" data-testid="settings-kiosk-pin-required" role="note">
                {s('kioskPinRequired', lang)}
              </p>
            )}
            {hasPin && <p class="settings-note">{s('pinIsSet', lang)}</p>}
            {!v.removePin && !(needsPinChoice && v.noPin) && (
              <>
                <TextField
                  id="settings-kiosk-pin"
                  lang={lang}
                  numeric
                  secret
                  label={s('newPin', lang)}
                  hint={s(hasPin ? 'newPinKeep' : 'newPinNone', lang)}
                  value={v.newPin}
                  error={errors.newPin}
                  onInput={set('newPin')}
                />
                <TextField id="settings-kiosk-pin-confirm" lang={lang} numeric secret label={s('newPinConfirm', lang)} value={v.newPinConfirm} error={errors.newPinConfirm} onInput={set('newPinConfirm')} />
              </>
            )}
            {hasPin && <CheckField id="settings-kiosk-pin-remove" lang={lang} label={s('removePin', lang)} checked={v.removePin} onChange={set('removePin')} />}
            {needsPinChoice && (
              <CheckField
                id="settings-kiosk-nopin"
                lang={lang}
                label={s('noPin', lang)}
                checked={v.noPin}
                error={errors.noPin}
                onChange={(on) => {
                  // "No PIN" hides the PIN fields: what was typed there goes with them.
                  setV((old) => ({ ...old, noPin: on, ...(on ? { newPin: '', newPinConfirm: '' } : {}) }));
                  setStatus('idle');
                }}
              />
            )}
            <TextField id="settings-kiosk-debounce" lang={lang} numeric label={s('debounce', lang)} value={v.debounceSeconds} error={errors.debounceSeconds} onInput={set('debounceSeconds')} />
            <TextField
              id="settings-kiosk-antipassback"
              lang={lang}
              numeric
              label={s('antiPassback', lang)}
              hint={s('antiPassbackHint', lang)}
              value={v.antiPassbackMinutes}
              error={errors.antiPassbackMinutes}
              onInput={set('antiPassbackMinutes')}
            />
            <CheckField id="settings-kiosk-largetype" lang={lang} label={s('largeType', lang)} checked={v.largeType} onChange={set('largeType')} />
          </fieldset>

          <fieldset>
            <legend>{s('sectionTrust', lang)}</legend>
            <TextField id="settings-bundle-url" lang={lang} url label={s('bundleUrl', lang)} hint={s('bundleUrlHint', lang)} value={v.bundleUrl} error={errors.bundleUrl} onInput={set('bundleUrl')} />
          </fieldset>
        </div>

        <div class="settings-actions settings-footer">
          <p class={`settings-status settings-status-${status}`} data-testid="settings-status" role="status" aria-live="polite">
            {status === 'saving' ? s('saving', lang) : status === 'saved' ? s('saved', lang) : status === 'failed' ? s('saveFailed', lang) : status === 'invalid' ? s('fixErrors', lang) : ''}
          </p>
          <button type="button" data-testid="settings-cancel" onClick={onClose}>
            {s('cancel', lang)}
          </button>
          <button type="submit" class="settings-primary" data-testid="settings-save" disabled={status === 'saving'}>
            {s('save', lang)}
          </button>
        </div>
      </form>
    </main>
  );
}
