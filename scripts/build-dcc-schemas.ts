/**
 * Compiles the EU DCC JSON schemas into plain validation functions at build time, so the app never
 * ships a schema compiler and never needs eval / new Function at run time (CSP-safe). `npm start`,
 * `npm run build:schemas`, `npm run conformance` and scripts/test.sh run it.
 *
 *   GATECHECK_DCC_SCHEMA_DIR  directory of `<major>.<minor>.<patch>.combined-schema.json` files
 *                             (default ../shared/vectors/eu-dcc-schema/by-version)
 *
 * Writes src/core/formats/eu-dcc/schema/generated/validators.js (gitignored). When the directory
 * is missing the module is still written, exporting no validators: every DCC then fails with
 * SCHEMA_UNAVAILABLE instead of the build breaking. The compiler itself is
 * test/support/dcc-schema-module.ts (the EU DCC tests run it too).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { schemaDirFromEnv, VALIDATORS_FILE, writeValidatorsModule } from '../test/support/dcc-schema-module.ts';

const schemaDir = schemaDirFromEnv();
const versions = writeValidatorsModule(schemaDir);
const from = existsSync(schemaDir) ? relative(process.cwd(), schemaDir) : `${schemaDir} (missing: no validators, every DCC will fail SCHEMA_UNAVAILABLE)`;
(versions.length ? console.log : console.warn)(`build-dcc-schemas: ${versions.length} DCC schema(s) [${versions.join(', ')}] from ${from} -> ${relative(process.cwd(), VALIDATORS_FILE)}`);
