// The layers of ../shared/DESIGN.md as ONE table, and the one ESLint rule that enforces it.
//
// A file belongs to the part of the folder it sits in: entrypoints/, components/, stores/, or
// lib/<name>/ (so lib/desks/probe.test.ts is lib/desks code and obeys lib/desks). An import
// is resolved to a path, relative ('../../http/client') and aliased ('@/lib/http/client',
// '~/…', '@@/…', '~~/…') alike, and that path's part must be the importer's own part, one of
// its `allow` parts, or one of its `typeOnly` parts reached by `import type` / `export type`
// (the project compiles with verbatimModuleSyntax, so `import { type X }` still loads the
// module at run time and counts as a value import).
// Files outside the table (tests/, scripts/, bench/, root config) may import anything.
// A new folder in lib/ must be placed in the table before it can import or be imported.
import path from 'node:path';

const ALL = '*';

/** part -> { allow: parts it may import, typeOnly: parts it may import types from } */
export const boundaries = {
  entrypoints: { allow: [ALL] },
  components: {
    // Props in, events out: the shared vocabulary, messages, and other parts' types and pure helpers.
    allow: ['lib/domain', 'lib/i18n', 'lib/capture', 'lib/catalog', 'lib/requests', 'lib/settings', 'lib/tracking', 'lib/report'],
    // never: stores, lib/platform, lib/desks, lib/http, lib/background, lib/messaging
  },
  stores: {
    // They reach the background through lib/messaging, injected; never desk traffic or browser.*.
    allow: ['lib/domain', 'lib/i18n', 'lib/capture', 'lib/catalog', 'lib/requests', 'lib/settings', 'lib/tracking', 'lib/report', 'lib/messaging'],
    // never: components, lib/platform, lib/desks, lib/http, lib/background
  },
  'lib/domain': { allow: [] },
  'lib/http': { allow: ['lib/domain'] },
  'lib/i18n': { allow: ['lib/domain'], typeOnly: ['lib/requests'] },
  'lib/settings': { allow: ['lib/domain'] },
  'lib/desks': { allow: ['lib/http', 'lib/domain'] },
  'lib/capture': { allow: ['lib/domain', 'lib/i18n', 'lib/settings'] },
  'lib/catalog': { allow: ['lib/domain', 'lib/settings'], typeOnly: ['lib/desks'] },
  'lib/requests': { allow: ['lib/domain', 'lib/i18n', 'lib/capture'], typeOnly: ['lib/desks'] },
  'lib/tracking': { allow: ['lib/domain', 'lib/i18n'], typeOnly: ['lib/desks'] },
  'lib/report': { allow: ['lib/domain', 'lib/i18n', 'lib/capture', 'lib/settings'], typeOnly: ['lib/requests'] },
  'lib/messaging': {
    allow: ['lib/domain'],
    typeOnly: ['lib/capture', 'lib/catalog', 'lib/requests', 'lib/settings', 'lib/tracking', 'lib/report'],
  },
  'lib/platform': {
    // lib/domain, plus two pure parts that never reach back: lib/capture (scripting.executeScript
    // injects capture's readPage, which must be a function value) and lib/settings (the storage
    // items fall back to DEFAULT_PREFERENCES and read managed > user through settings' layer()).
    allow: ['lib/domain', 'lib/capture', 'lib/settings'],
    // otherwise only the types of what it stores, shows and carries
    typeOnly: ['lib/catalog', 'lib/messaging', 'lib/report', 'lib/requests', 'lib/tracking'],
  },
  'lib/background': {
    allow: ['lib/domain', 'lib/i18n', 'lib/http', 'lib/desks', 'lib/settings', 'lib/capture', 'lib/catalog', 'lib/requests', 'lib/tracking', 'lib/report', 'lib/messaging'],
    // handlers take their platform functions as parameters (entrypoints/background.ts wires them)
    typeOnly: ['lib/platform'],
  },
};

const ALIASES = ['@/', '~/', '@@/', '~~/'];

/** The part a path (relative to the project root, '/' separators) belongs to, or null when outside the table. */
export function partOf(relPath) {
  const segments = relPath.split('/');
  const [top, sub] = segments;
  // '../domain' resolves to lib/domain (its index); a stray file lib/x.ts is part lib/x (unplaced).
  if (top === 'lib') return sub ? `lib/${sub.replace(/\.[^.]*$/, '')}` : 'lib';
  if (top === 'entrypoints' || top === 'components' || top === 'stores') return top;
  return null;
}

/** Absolute path an import specifier points to, or null for packages. */
export function resolveSpecifier(specifier, fromFile, root) {
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
    return path.resolve(path.dirname(fromFile), specifier);
  }
  if (specifier === '@' || specifier === '~' || specifier === '@@' || specifier === '~~') return root;
  const alias = ALIASES.find((a) => specifier.startsWith(a));
  return alias ? path.resolve(root, specifier.slice(alias.length)) : null;
}

function relativeToRoot(file, root) {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** Why `from` may not import `to` (null when it may). */
export function violation(from, to, typeOnly, table = boundaries) {
  if (from === null || from === to) return null;
  const entry = table[from];
  if (!entry) return from.startsWith('lib') ? `${from} is not placed in the layer table (lint/boundaries.js)` : null;
  if (to !== null && !table[to] && to.startsWith('lib')) return `${to} is not placed in the layer table (lint/boundaries.js)`;
  const allow = entry.allow ?? [];
  if (allow.includes(ALL) || allow.includes(to)) return null;
  const typeParts = entry.typeOnly ?? [];
  if (typeParts.includes(to)) return typeOnly ? null : `${from} may import only types from ${to} (use \`import type\`)`;
  return `${from} may not import ${to ?? 'files outside the layers'}`;
}

const isTypeOnly = (node) => node.importKind === 'type' || node.exportKind === 'type';

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer table of DESIGN.md for relative and aliased imports' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: "{{reason}}: '{{specifier}}'. Allowed directions: lint/boundaries.js.",
      computed: 'An import path built at run time cannot be checked against the layers (lint/boundaries.js): name the module.',
    },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? context.cwd);
    const file = context.filename;
    if (!path.isAbsolute(file)) return {};
    const fromRel = relativeToRoot(file, root);
    const from = fromRel === null ? null : partOf(fromRel);
    if (from === null || boundaries[from]?.allow?.includes(ALL)) return {};

    function check(sourceNode, typeOnly, reportNode = sourceNode) {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const target = resolveSpecifier(sourceNode.value, file, root);
      if (target === null) return; // a package: no-restricted-imports handles those
      const toRel = relativeToRoot(target, root);
      const to = toRel === null ? null : partOf(toRel);
      const reason = violation(from, to, typeOnly);
      if (reason) context.report({ node: reportNode, messageId: 'forbidden', data: { reason, specifier: sourceNode.value } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node.source, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node.source, isTypeOnly(node)),
      // import(`../desks/${name}`): a path built at run time cannot be held to the table.
      ImportExpression: (node) => {
        const source = node.source;
        if (source.type === 'Literal') check(source, false);
        else if (source.type === 'TemplateLiteral' && source.expressions.length === 0) check({ value: source.quasis[0].value.cooked }, false, source);
        else context.report({ node: source, messageId: 'computed' });
      },
      // type X = import('../desks/types').DeskAdapter
      TSImportType: (node) => {
        const arg = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        check(arg, true, node);
      },
      // import x = require('../desks/registry')
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference.expression, node.importKind === 'type'),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node.arguments[0], false);
      },
    };
  },
};

export default { meta: { name: 'instant-desk-boundaries' }, rules: { layers: rule } };
