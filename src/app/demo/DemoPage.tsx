/**
 * /demo: the demo world's sample codes as QR images, with what each should produce.
 *
 * Offline, like the rest of the app: each online visit keeps the list and the pictures in the
 * page's own cache (Cache Storage, `gatecheck-demo-codes`; the service worker precaches only the
 * app), and an offline visit shows them from there. The trust list they are judged against is the
 * one the device holds (status line); if the codes were never fetched, the page says exactly that.
 */
import { useEffect, useState } from 'preact/hooks';
import { reasonText } from '../../core/i18n/reason-texts.ts';
import type { ReasonCode } from '../../core/model/reasons.ts';
import type { LocalizedName } from '../../core/model/verdict.ts';
import { t, type Lang } from '../i18n/strings.ts';
import { go } from '../routes/path.ts';

interface DemoCode {
  name: string;
  expect: 'PASS' | 'FAIL';
  reason?: ReasonCode;
  alg: string;
  about: LocalizedName;
}

export const DEMO_CODES_URL = '/demo-world/codes/';
const CACHE = 'gatecheck-demo-codes';

type Loaded = { codes: DemoCode[]; images: Record<string, string>; saved: boolean; offline: boolean };

const openCache = (): Promise<Cache | null> => (typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(CACHE).catch(() => null));

/** Online: the list and pictures from the server, kept for later. Throws when the server cannot be reached. */
async function fromNetwork(): Promise<Loaded> {
  const res = await fetch(`${DEMO_CODES_URL}index.json`, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const codes = (await res.clone().json()) as DemoCode[];
  const cache = await openCache();
  let saved = false;
  if (cache) {
    // A new demo world replaces the old one whole: pictures first, the list last.
    saved = await Promise.all(
      codes.map(async (c) => {
        const url = `${DEMO_CODES_URL}${c.name}.png`;
        const png = await fetch(url, { cache: 'no-cache' });
        if (!png.ok) throw new Error(`HTTP ${png.status}`);
        await cache.put(url, png);
      }),
    )
      .then(() => cache.put(`${DEMO_CODES_URL}index.json`, res))
      .then(
        () => true,
        () => false,
      );
  }
  const images = Object.fromEntries(codes.map((c) => [c.name, `${DEMO_CODES_URL}${c.name}.png`]));
  return { codes, images, saved, offline: false };
}

/** Offline: what an earlier visit kept, pictures as blob: URLs (allowed by the CSP's img-src). */
async function fromCache(): Promise<Loaded | null> {
  const cache = await openCache();
  const index = await cache?.match(`${DEMO_CODES_URL}index.json`);
  if (!cache || !index) return null;
  const codes = (await index.json()) as DemoCode[];
  const images: Record<string, string> = {};
  for (const c of codes) {
    const png = await cache.match(`${DEMO_CODES_URL}${c.name}.png`);
    if (png) images[c.name] = URL.createObjectURL(await png.blob());
  }
  return { codes, images, saved: true, offline: true };
}

export function DemoPage({ lang }: { lang: Lang }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let live = true;
    let loaded: Loaded | null = null;
    fromNetwork()
      .catch(() => fromCache())
      .catch(() => null)
      .then((d) => {
        loaded = d;
        if (!live) return;
        if (d) setData(d);
        else setUnavailable(true);
      });
    return () => {
      live = false;
      if (loaded?.offline) for (const url of Object.values(loaded.images)) URL.revokeObjectURL(url);
    };
  }, []);
  return (
    <main class="demo">
      <h1>{t('demoTitle', lang)}</h1>
      <p class="demo-intro">{t('demoIntro', lang)}</p>
      <p class="demo-holder">
        <a
          href="/holder"
          data-testid="demo-holder-link"
          onClick={(e) => {
            e.preventDefault();
            go('/holder');
          }}
        >
          {t('holderDemoLink', lang)}
        </a>
      </p>
      {unavailable && (
        <p class="demo-unavailable" data-testid="demo-unavailable" role="status">
          {t('demoUnavailable', lang)}
        </p>
      )}
      {data && (
        <p class="demo-saved" data-testid="demo-saved" data-saved={data.saved ? 'yes' : 'no'} data-offline={data.offline ? 'yes' : 'no'}>
          {t(data.offline ? 'demoFromDevice' : data.saved ? 'demoSaved' : 'demoNotSaved', lang)}
        </p>
      )}
      <ul class="demo-grid">
        {data?.codes.map((c) => (
          <li key={c.name} class={`demo-card demo-${c.expect.toLowerCase()}`} data-testid="demo-code" data-name={c.name}>
            <img src={data.images[c.name]} alt={c.about[lang]} width={240} height={240} />
            <h2>{c.about[lang]}</h2>
            <p>
              {t('expected', lang)}: <strong>{c.expect === 'PASS' ? t('pass', lang) : t('fail', lang)}</strong>
              {c.reason && ` — ${reasonText(c.reason, lang)}`}
            </p>
            <p class="demo-meta">
              {c.name} · {c.alg}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
