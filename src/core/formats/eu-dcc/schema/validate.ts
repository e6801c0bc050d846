/**
 * The DCC JSON schema check, with validators compiled at build time (scripts/build-dcc-schemas.ts
 * writes ./generated/validators.js, gitignored): no schema compiler and no eval in the app.
 *
 * Which schema: the one of the payload's exact `ver`; else the newest one with the same
 * major.minor (patch releases only fix and clarify); else none, and the DCC fails with
 * SCHEMA_UNAVAILABLE — an unknown major or minor version may mean anything.
 */
// @ts-ignore -- generated and gitignored; typed by GeneratedModule below, so tsc passes before the first build.
import * as generated from './generated/validators.js';
import { fail, ok, type Result } from '../../../result.ts';

/** One error of a failed validation, as ajv reports it: a path and a keyword, never the data. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
}

/** An ajv standalone validate function: true when valid; the errors of the last call otherwise. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** What the generated module exports. */
export interface GeneratedValidators {
  /** Ascending; empty when the build found no schemas. */
  schemaVersions: readonly string[];
  validators: Readonly<Record<string, SchemaValidator>>;
}

const compiled = generated as unknown as GeneratedValidators;

/** Schema versions this build can check, ascending. */
export const SCHEMA_VERSIONS: readonly string[] = compiled.schemaVersions ?? [];

const VERSION = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;

/** The schema version to check a payload of version `ver` against, if any (see the file comment). */
export function pickSchemaVersion(ver: string, available: readonly string[] = SCHEMA_VERSIONS): string | undefined {
  const want = VERSION.exec(ver);
  if (!want) return undefined;
  if (available.includes(ver)) return ver;
  let best: { version: string; patch: number } | undefined;
  for (const version of available) {
    const have = VERSION.exec(version);
    if (!have || Number(have[1]) !== Number(want[1]) || Number(have[2]) !== Number(want[2])) continue;
    const patch = Number(have[3]);
    if (!best || patch > best.patch) best = { version, patch };
  }
  return best?.version;
}

export interface SchemaVerdict {
  /** The payload's `ver`. */
  ver: string;
  /** The schema version it was checked against. */
  schemaVersion: string;
}

const GROUPS = ['v', 't', 'r'] as const;

/**
 * A validator over a set of compiled schemas. It checks a DCC JSON object against the schema of
 * its version, plus the rule every version of the spec states and only 1.3.0+ schemas encode
 * (oneOf): a DCC is a vaccination, a test or a recovery certificate, never a mix. (How many
 * entries the group may hold is the schema's call: 1.3.0+ allow one.)
 */
export function makeDccValidator(compiled: GeneratedValidators): (dcc: unknown) => Result<SchemaVerdict> {
  const versions = compiled.schemaVersions ?? [];
  return (dcc) => {
    if (typeof dcc !== 'object' || dcc === null || Array.isArray(dcc)) return fail('SCHEMA_INVALID', 'not a JSON object');
    const ver = (dcc as Record<string, unknown>).ver;
    if (typeof ver !== 'string') return fail('SCHEMA_INVALID', 'ver is missing or not a string');
    if (!VERSION.test(ver)) return fail('SCHEMA_INVALID', 'ver is not a MAJOR.MINOR.PATCH version');
    const schemaVersion = pickSchemaVersion(ver, versions);
    const validator = schemaVersion === undefined ? undefined : compiled.validators?.[schemaVersion];
    if (schemaVersion === undefined || !validator) return fail('SCHEMA_UNAVAILABLE', `no schema for version ${ver}`);
    if (!validator(dcc)) {
      const e = validator.errors?.[0];
      const where = e ? `${e.instancePath || '/'} ${e.keyword}${e.message ? `: ${e.message}` : ''}` : 'invalid';
      return fail('SCHEMA_INVALID', `${where} (schema ${schemaVersion})`);
    }
    const groups = GROUPS.filter((g) => Object.hasOwn(dcc, g));
    if (groups.length !== 1) return fail('SCHEMA_INVALID', `has ${groups.length} of the groups v, t, r; exactly one is allowed`);
    return ok({ ver, schemaVersion });
  };
}

/** validateDcc with the validators of this build. */
export const validateDcc = makeDccValidator(compiled);
