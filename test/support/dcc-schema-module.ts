/**
 * The EU DCC schema compiler behind scripts/build-dcc-schemas.ts: turns each
 * `<major>.<minor>.<patch>.combined-schema.json` into a plain validation function with ajv's
 * standalone code generator, so the app never ships a schema compiler and never needs eval / new
 * Function at run time (CSP-safe). It lives in test/support, not scripts/, because the EU DCC
 * tests also run it (a test may not import a script) and the app never does.
 *
 * Each schema gets its own Ajv instance (the files share one $id across versions and may declare
 * different drafts), compiled with ajv's standalone code generator. The generated code may
 * `require` ajv runtime helpers; each one is replaced by an inlined copy (the module imports
 * nothing), and any helper not known here stops the build rather than producing a module that
 * fails in a browser.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft7 from 'ajv/dist/ajv.js';
import ucs2length from 'ajv/dist/runtime/ucs2length.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { sharedDir } from './shared.ts';

const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';
const DRAFT_07 = new Set(['http://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-07/schema#']);
const FILE_NAME = /^(\d{1,4})\.(\d{1,4})\.(\d{1,4})\.combined-schema\.json$/;

/** The repository root: the generated module names its source relative to it. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the app imports the validators from (gitignored). */
export const VALIDATORS_FILE = join(repoRoot, 'src/core/formats/eu-dcc/schema/generated/validators.js');
/** GATECHECK_DCC_SCHEMA_DIR, else the EU schemas beside the checkout (relative to the working directory). */
export const schemaDirFromEnv = (): string => resolve(process.env.GATECHECK_DCC_SCHEMA_DIR ?? sharedDir('vectors', 'eu-dcc-schema', 'by-version'));

/** Runtime helpers ajv's standalone code may require, and what the generated module uses instead. */
const RUNTIME: Record<string, { expr: string; prelude: string }> = {
  // A self-contained function: inlined, so the module imports nothing for it.
  'require("ajv/dist/runtime/ucs2length").default': {
    expr: 'ucs2length',
    prelude: `const ucs2length = ${(ucs2length as unknown as { default?: Function }).default ?? ucs2length};`,
  },
};

type Version = [number, number, number];

/** Keywords that only annotate: dropped before compiling, since ajv embeds schema objects in its output. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment', 'valueset-uri', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const SUBSCHEMA = new Set(['items', 'not', 'if', 'then', 'else', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** A copy of a schema without annotation keywords, walking only subschema positions (a property may be called "title"). */
function stripAnnotations(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    if (SUBSCHEMA.has(k)) out[k] = Array.isArray(v) ? v.map(stripAnnotations) : stripAnnotations(v);
    else if (SUBSCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(stripAnnotations);
    else if (SUBSCHEMA_MAPS.has(k) && typeof v === 'object' && v !== null)
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, stripAnnotations(sub)]));
    else out[k] = v;
  }
  return out;
}

function findSchemas(dir: string): { version: string; parts: Version; file: string }[] {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir)) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    const parts = [Number(m[1]), Number(m[2]), Number(m[3])] as Version;
    found.push({ version: parts.join('.'), parts, file: join(dir, name) });
  }
  return found.sort((a, b) => a.parts[0] - b.parts[0] || a.parts[1] - b.parts[1] || a.parts[2] - b.parts[2]);
}

function ajvFor(schema: { $schema?: unknown }, file: string) {
  const opts = {
    code: { source: true, esm: false, lines: false },
    strict: true,
    // The DCC schemas put `required` in oneOf/anyOf branches without repeating `type` or `properties`.
    strictTypes: false,
    strictRequired: false,
    allErrors: false,
    // JSON Schema 2020-12 makes "format" an annotation unless the format-assertion vocabulary is
    // declared, and the DCC schemas do not declare it (the EU test suite's reference runner does
    // not assert formats either). Dates are checked where they are read, in normalise.
    validateFormats: false,
    logger: { log: () => {}, warn: (...a: unknown[]) => console.warn(`${relative(process.cwd(), file)}:`, ...a), error: console.error },
  };
  let ajv;
  if (schema.$schema === DRAFT_2020) ajv = new Ajv2020(opts);
  else if (typeof schema.$schema === 'string' && DRAFT_07.has(schema.$schema)) ajv = new AjvDraft7(opts);
  else throw new Error(`${file}: unsupported $schema ${JSON.stringify(schema.$schema)}`);
  // The EU schemas annotate coded fields with the value set they come from: an annotation here
  // (membership is a business rule over the bundle's value sets, not a schema check).
  ajv.addKeyword({ keyword: 'valueset-uri', schemaType: 'string' });
  return ajv;
}

/** One schema -> a JS expression evaluating to its validate function, plus the helpers it needs. */
function compileOne(file: string): { expr: string; helpers: Set<string> } {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = ajvFor(schema, file);
  // Version files share one $id: drop it so each instance resolves only its own "#/$defs/..." refs.
  // ($schema stays: it is how ajv checks the schema against its draft's meta-schema.)
  const { $id: _id, ...withoutId } = stripAnnotations(schema) as Record<string, unknown>;
  const validate = ajv.compile(withoutId);
  let code: string = standaloneCode(ajv, validate);
  const helpers = new Set<string>();
  // Longest keys first, so `require("x").default` is replaced before any bare `require("x")`.
  for (const key of Object.keys(RUNTIME).sort((a, b) => b.length - a.length)) {
    if (code.includes(key)) {
      code = code.split(key).join(RUNTIME[key]!.expr);
      helpers.add(key);
    }
  }
  const leftover = /require\([^)]*\)/.exec(code);
  if (leftover) throw new Error(`${file}: generated code needs ${leftover[0]}, which build-dcc-schemas.ts does not provide`);
  if (/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/.test(code)) throw new Error(`${file}: generated code evaluates strings`);
  // CommonJS-style output wrapped in a function scope: no name clashes between versions.
  return { expr: `(function () {\nconst module = { exports: {} };\n${code}\nreturn module.exports;\n})()`, helpers };
}

/** The generated module's source for the schemas in `dir` (none when it is missing). */
export function generateValidatorsModule(dir: string): { source: string; versions: string[] } {
  const schemas = findSchemas(dir);
  const helpers = new Set<string>();
  // Versions whose schemas compile to the same code (e.g. 1.2.0 and 1.2.1) share one function.
  const shared = new Map<string, string>();
  const blocks: string[] = [];
  const entries: string[] = [];
  for (const s of schemas) {
    const compiled = compileOne(s.file);
    compiled.helpers.forEach((h) => helpers.add(h));
    let name = shared.get(compiled.expr);
    if (!name) {
      name = `validate_${s.version.replace(/\./g, '_')}`;
      shared.set(compiled.expr, name);
      blocks.push(`const ${name} = ${compiled.expr};`);
    }
    entries.push(`  ${JSON.stringify(s.version)}: ${name},`);
  }
  const from = (existsSync(dir) ? relative(repoRoot, dir) : `${relative(repoRoot, dir)} (missing)`).replace(/\\/g, '/');
  const preludes = Object.keys(RUNTIME)
    .filter((k) => helpers.has(k))
    .map((k) => RUNTIME[k]!.prelude);
  const source = [
    '// GENERATED by scripts/build-dcc-schemas.ts — do not edit, do not commit.',
    `// Source: ${from}; ${schemas.length} schema(s).`,
    '/* eslint-disable */',
    ...preludes,
    '',
    ...blocks,
    '',
    `export const schemaVersions = Object.freeze(${JSON.stringify(schemas.map((s) => s.version))});`,
    '',
    'export const validators = Object.freeze({',
    ...entries,
    '});',
    '',
  ].join('\n');
  return { source, versions: schemas.map((s) => s.version) };
}

/** Compiles the schemas in `dir` and writes the module the app imports; returns the versions compiled. */
export function writeValidatorsModule(dir = schemaDirFromEnv(), outFile = VALIDATORS_FILE): string[] {
  const { source, versions } = generateValidatorsModule(dir);
  mkdirSync(dirname(outFile), { recursive: true });
  // Written beside and renamed over: a test run already importing the module never reads half a file.
  const partial = `${outFile}.${process.pid}.partial`;
  writeFileSync(partial, source);
  renameSync(partial, outFile);
  return versions;
}
