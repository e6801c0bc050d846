/**
 * /holder: the demo holder page (a holder's phone showing a live, device-bound code). Its own
 * chunk, loaded on first visit like the admin screens; shown only when the trust list in use is a
 * demo one (the page says so otherwise), and not behind the kiosk PIN: it is the holder's screen,
 * not the gate's.
 */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import type { Lang } from '../i18n/strings.ts';
import { lazyScreen } from '../lazy/lazy-screen.tsx';

const HolderPage = lazyScreen(() => import('../demo/HolderPage.tsx').then((m) => m.HolderPage));

export const HOLDER_PATH = '/holder';

export function HolderRoute({ lang, snapshot }: { lang: Lang; snapshot: TrustSnapshot }) {
  const bundle = snapshot.trust?.bundle;
  // Until a bundle is in use nobody can say whether this is a demo world: wait (null), do not guess.
  const demo = bundle ? bundle.demo === true : null;
  return <HolderPage lang={lang} demo={demo} issuerName={(id) => bundle?.issuers.find((i) => i.id === id)?.names} />;
}
