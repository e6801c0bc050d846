/**
 * Vitest global setup: compiles the EU DCC schemas into the validators module before any test
 * imports it, so `npx vitest` works straight after `npm ci` (no postinstall does it any more, and
 * a dev-only compiler has no place in an install hook). Same output as scripts/build-dcc-schemas.ts.
 */
import { writeValidatorsModule } from './dcc-schema-module.ts';

export default function setup(): void {
  writeValidatorsModule();
}
