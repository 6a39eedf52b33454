// Every message key the code asks for is in the locale file, and every key in it is asked for
// (as Dark Reader checks its locales): a key is "asked for" when the source names it as a
// string, or a template like `status.${status}` reaches it by its prefix.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en.json';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['components', 'entrypoints', 'stores', 'lib'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

interface Uses {
  /** Keys named as a string, anywhere. */
  named: Set<string>;
  /** `t('…')` calls with a literal key, where they are. */
  calls: { key: string; at: string }[];
  /** Heads of template literals like `status.${…}`: every key under one counts as used. */
  prefixes: Set<string>;
}

function scan(): Uses {
  const uses: Uses = { named: new Set(), calls: [], prefixes: new Set() };
  for (const file of SOURCES.flatMap((d) => files(join(ROOT, d)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node)) uses.named.add(node.text);
      if (ts.isTemplateExpression(node) && /^[a-z]+(\.[\w-]+)*\.$/i.test(node.head.text)) uses.prefixes.add(node.head.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        uses.calls.push({ key: node.arguments[0].text, at: `${relative(ROOT, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

const uses = scan();
const keys = Object.keys(en);

describe('locale file (en)', () => {
  it('has every key a t() call asks for', () => {
    expect(uses.calls.length).toBeGreaterThan(100); // the scan finds the calls at all
    expect(uses.calls.filter((c) => !(c.key in en)).map((c) => `${c.at}: ${c.key}`)).toEqual([]);
  });

  it('has no key the code never asks for', () => {
    const used = (key: string) => uses.named.has(key) || [...uses.prefixes].some((p) => key.startsWith(p));
    expect(keys.filter((k) => !used(k))).toEqual([]);
  });

  it('has a message for every key, with balanced {placeholders}', () => {
    for (const [key, message] of Object.entries(en)) {
      expect(message.trim(), key).not.toBe('');
      expect(message.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
    }
  });
});
