/** Labelled form controls for the settings screen: every control has a visible label and a test id. */
import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/strings.ts';
import type { FieldError } from './form.ts';
import { fill, s } from './strings.ts';

const errorText = (e: FieldError, lang: Lang): string => (e.key === 'errRange' ? fill(s('errRange', lang), { min: e.min, max: e.max }) : s(e.key, lang));

interface Base {
  id: string;
  label: string;
  hint?: string;
  error?: FieldError | undefined;
  lang: Lang;
}

function Described({ id, hint, error, lang, children }: Omit<Base, 'label'> & { children: ComponentChildren }) {
  return (
    <>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="settings-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="settings-error" role="alert">
          {errorText(error, lang)}
        </small>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: FieldError) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextField(p: Base & { value: string; onInput: (v: string) => void; numeric?: boolean; secret?: boolean; url?: boolean }) {
  const common = {
    id: p.id,
    'data-testid': p.id,
    inputMode: p.numeric ? ('numeric' as const) : p.url ? ('url' as const) : ('text' as const),
    spellcheck: false,
    value: p.value,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy(p.id, p.hint, p.error),
    onInput: (e: { currentTarget: HTMLInputElement }) => p.onInput(e.currentTarget.value),
  };
  return (
    <div class="settings-field">
      <label for={p.id}>{p.label}</label>
      <Described {...p}>
        {/* type="text", not "url"/"number": those refuse a relative path or reformat what was typed. */}
        {p.secret ? <input type="password" autoComplete="new-password" {...common} /> : <input type="text" autoComplete="off" {...common} />}
      </Described>
    </div>
  );
}

export function CheckField(p: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="settings-field settings-check">
      <input
        id={p.id}
        data-testid={p.id}
        type="checkbox"
        checked={p.checked}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <small id={`${p.id}-hint`} class="settings-hint">
          {p.hint}
        </small>
      )}
      {p.error && (
        <small id={`${p.id}-error`} class="settings-error" role="alert">
          {errorText(p.error, p.lang)}
        </small>
      )}
    </div>
  );
}

export function SelectField<V extends string>(p: Omit<Base, 'error'> & { value: V; options: { value: V; label: string }[]; onChange: (v: V) => void }) {
  return (
    <div class="settings-field">
      <label for={p.id}>{p.label}</label>
      <Described {...p}>
        <select id={p.id} data-testid={p.id} value={p.value} aria-describedby={describedBy(p.id, p.hint)} onChange={(e) => p.onChange(e.currentTarget.value as V)}>
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Described>
    </div>
  );
}
