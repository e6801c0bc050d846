/**
 * Published VDS-NC specimen seals (Australia's, the ICAO report's Utopia seal) are not part of
 * ../shared/vectors yet, and we do not copy other projects' data into the repo. Tests that need
 * them read ../shared/vectors/vds-nc/ when it exists, or the folder named by GATECHECK_VDS_NC_SAMPLES
 * (README in that folder lists the sources), and are skipped otherwise.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const shared = fileURLToPath(new URL('../../../shared/vectors/vds-nc/', import.meta.url));

export const VDS_NC_SAMPLES: string | undefined = [process.env.GATECHECK_VDS_NC_SAMPLES, shared]
  .filter((d): d is string => !!d)
  .map((d) => (d.endsWith('/') ? d : d + '/'))
  .find((d) => existsSync(d + 'aus-csca.pem'));
