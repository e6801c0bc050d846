/**
 * Published VDS-NC specimen seals and CSCAs (Australia's, Japan's, the ICAO report's Utopia seals)
 * live beside the checkout in ../shared/vectors/vds-nc/ (its README lists the sources); we do not
 * copy other projects' data into the repo. GATECHECK_VDS_NC_SAMPLES names another folder.
 *
 * The specimens are part of the test suite: a missing folder or file fails the tests that need it
 * with the path and what to do, it never skips them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sharedDir } from './shared.ts';

const shared = sharedDir('vectors', 'vds-nc');
const chosen = process.env.GATECHECK_VDS_NC_SAMPLES || shared;

/** The specimen folder, with a trailing "/". */
export const VDS_NC_SAMPLES: string = chosen.endsWith('/') ? chosen : `${chosen}/`;

/** Every file the tests read from the folder. */
export const VDS_NC_SAMPLE_FILES = [
  'aus-csca.pem',
  'aus-specimen-vacc-1.json',
  'aus-specimen-vacc-1.canonical.json',
  'aus-specimen-vacc-2.json',
  'aus-specimen-vacc-3.json',
  'jpn-csca.pem',
  'jpn-specimen-vacc-1.json',
  'jpn-specimen-vacc-1.object.json',
  'icao-specimen-vacc-uto.json',
  'icao-specimen-vacc-uto-v2.json',
  'icao-specimen-test-uto.json',
] as const;
export type VdsNcSampleFile = (typeof VDS_NC_SAMPLE_FILES)[number];

/** The specimen files that are missing (all of them when the folder is). */
export const missingVdsNcSamples = (): string[] => VDS_NC_SAMPLE_FILES.filter((f) => !existsSync(VDS_NC_SAMPLES + f));

/** A specimen file's text; throws, naming the folder and the fix, when it is not there. */
export function vdsNcSample(file: VdsNcSampleFile): string {
  const path = VDS_NC_SAMPLES + file;
  if (!existsSync(path))
    throw new Error(
      `VDS-NC specimen ${path} is missing: the published specimens belong in ../shared/vectors/vds-nc/ beside the checkout (see its README), or set GATECHECK_VDS_NC_SAMPLES to their folder`,
    );
  return readFileSync(path, 'utf8');
}
