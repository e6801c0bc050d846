/**
 * /holder: the demo holder page (a holder's phone showing a live, device-bound code). Its own
 * chunk, loaded on first visit like the admin screens; shown only when the trust list in use is a
 * demo one (the page says so otherwise), and not behind the kiosk PIN: it is the holder's screen,
 * not the gate's.
 */
import type { TrustSnapshot } from '../../core/trust/update/trust-updater.ts';
import type { Lang } from '../i18n/strings.ts';
import type {} from '../demo/demo-build.ts'; // __GATECHECK_DEMO__
import { lazyScreen } from '../lazy/lazy-screen.tsx';

// A production build has neither the page nor the path (demo-build.ts): /holder is the scan screen there.
const HolderPage = __GATECHECK_DEMO__ ? lazyScreen(() => import('../demo/HolderPage.tsx').then((m) => m.HolderPage)) : null;

export const HOLDER_PATH: string | null = __GATECHECK_DEMO__ ? '/holder' : null;

export function HolderRoute({ lang, snapshot }: { lang: Lang; snapshot: TrustSnapshot }) {
  if (!HolderPage) return null;
  const bundle = snapshot.trust?.bundle;
  // Until a bundle is in use nobody can say whether this is a demo world: wait (null), do not guess.
  const demo = bundle ? bundle.demo === true : null;
  return <HolderPage lang={lang} demo={demo} issuerName={(id) => bundle?.issuers.find((i) => i.id === id)?.names} />;
}
