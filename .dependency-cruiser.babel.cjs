/**
 * How dependency-cruiser reads our TypeScript. Its own TypeScript reader needs the compiler API of
 * `typescript` < 7, and this repo type-checks with TypeScript 7 (no such API); its babel route
 * needs only @babel/core, which the build already has (vite-plugin-pwa, @preact/preset-vite).
 *
 * So babel parses each file (TypeScript, plus JSX in .tsx) and this plugin replaces the file with
 * nothing but its dependencies, as plain JavaScript that dependency-cruiser then reads with acorn:
 *   import / re-export / side-effect import / dynamic import   → import 'x' / import('x')
 *   require('x'), createRequire(import.meta.url)('x')          → require('x')
 *   type-only: `import type`, `export type … from`, import('x').T → __typeOnly('x')
 * `__typeOnly` is declared in .dependency-cruiser.cjs as an "exotic require", so a type-only
 * import is still a dependency (a type ties one layer to another as much as a value does) and
 * only the cycle rule, which is about load order at run time, can tell it apart.
 */
'use strict';

const TYPE_ONLY = '__typeOnly';

function onlyDependencies({ types: t }) {
  return {
    name: 'gatecheck-only-dependencies',
    manipulateOptions(opts, parserOpts) {
      parserOpts.plugins.push('typescript');
      if (/\.[jt]sx$/.test(opts.filename ?? '')) parserOpts.plugins.push('jsx');
    },
    visitor: {
      Program: {
        enter(program) {
          const out = [];
          const add = (source, typeOnly) => {
            if (typeof source !== 'string') return;
            out.push(
              typeOnly
                ? t.expressionStatement(t.callExpression(t.identifier(TYPE_ONLY), [t.stringLiteral(source)]))
                : t.importDeclaration([], t.stringLiteral(source)),
            );
          };
          const call = (callee, source) => out.push(t.expressionStatement(t.callExpression(callee, [t.stringLiteral(source)])));
          program.traverse({
            ImportDeclaration(p) {
              // `import { type A } from 'x'` stays a (side-effect) import under verbatimModuleSyntax.
              add(p.node.source.value, p.node.importKind === 'type' || p.node.importKind === 'typeof');
            },
            ExportNamedDeclaration(p) {
              if (p.node.source) add(p.node.source.value, p.node.exportKind === 'type');
            },
            ExportAllDeclaration(p) {
              add(p.node.source.value, p.node.exportKind === 'type');
            },
            TSImportType(p) {
              const arg = p.node.argument;
              add(arg?.type === 'StringLiteral' ? arg.value : arg?.literal?.value, true);
            },
            TSExternalModuleReference(p) {
              add(p.node.expression.value, false);
            },
            CallExpression(p) {
              const [arg] = p.node.arguments;
              if (arg?.type !== 'StringLiteral') return;
              const callee = p.node.callee;
              if (callee.type === 'Import') {
                call(t.import(), arg.value);
                return;
              }
              const isRequire =
                t.isIdentifier(callee, { name: 'require' }) || (t.isCallExpression(callee) && t.isIdentifier(callee.callee, { name: 'createRequire' }));
              if (isRequire) call(t.identifier('require'), arg.value);
            },
            ImportExpression(p) {
              if (p.node.source?.type === 'StringLiteral') call(t.import(), p.node.source.value);
            },
          });
          program.node.body = out;
          program.node.directives = [];
          program.stop();
        },
      },
    },
  };
}

module.exports = {
  babelrc: false,
  configFile: false,
  sourceType: 'module',
  plugins: [onlyDependencies],
};
