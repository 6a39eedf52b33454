// Every message key the code asks for is in the locale file, and every key in it is asked for
// (as Dark Reader checks its locales): a key is "asked for" when the source names it as a
// string, or a template like `status.${status}` reaches it by its prefix.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/locales/en.json';
import { keyOfName, messageNames } from '@/lib/i18n/manifest';
import config from '../../../wxt.config';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['components', 'entrypoints', 'stores', 'lib'];
/** Pages only the benchmark build has (wxt.config.ts): never shown to a user. */
const BENCH_PAGES = ['searchbench', 'hello-react'];

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

/** The extension's HTML pages (entrypoints/<name>/index.html). */
const pages = readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !BENCH_PAGES.includes(e.name))
  .map((e) => join(ROOT, 'entrypoints', e.name, 'index.html'));

function scan(): Uses {
  const uses: Uses = { named: new Set(), calls: [], prefixes: new Set() };
  // `__MSG_…__` in the pages and the manifest names its key too.
  for (const file of [...pages, join(ROOT, 'wxt.config.ts')])
    for (const name of messageNames(readFileSync(file, 'utf8'))) uses.named.add(keyOfName(name) ?? name);
  for (const file of [...SOURCES.flatMap((d) => files(join(ROOT, d))), join(ROOT, 'wxt.config.ts')]) {
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

  it('gives the manifest its words: name, description, toolbar title and commands are __MSG_ references to keys', () => {
    type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Record<string, unknown>;
    for (const browser of ['chrome', 'firefox']) {
      const m = (config.manifest as ManifestFn)({ browser, manifestVersion: 3, mode: 'production', command: 'build' }) as {
        name: string;
        description: string;
        default_locale: string;
        action: { default_title: string };
        commands: Record<string, { description: string }>;
      };
      const words = [m.name, m.description, m.action.default_title, ...Object.values(m.commands).map((c) => c.description)];
      expect(m.default_locale).toBe('en');
      for (const w of words) expect(w, browser).toMatch(/^__MSG_\w+__$/);
      expect(words.filter((w) => !keyOfName(messageNames(w)[0] ?? ''))).toEqual([]);
    }
  });

  it('gives every page its title: a __MSG_ reference to a key, filled in at build', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      const title = /<title>([^<]*)<\/title>/.exec(readFileSync(page, 'utf8'))?.[1] ?? '';
      expect(title, relative(ROOT, page)).toMatch(/^__MSG_\w+__$/);
      expect(keyOfName(messageNames(title)[0] ?? ''), relative(ROOT, page)).toBeDefined();
    }
  });

  it('leaves the settings layer without words: its problems are codes, worded in the locale file', () => {
    // A string of two words or more in lib/settings would reach a user untranslated.
    const words: string[] = [];
    for (const file of files(join(ROOT, 'lib', 'settings'))) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        const text = ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? node.text : undefined;
        if (text !== undefined && /[a-z]{2,}[ ,:;]+[a-z]{2,}/i.test(text)) words.push(`${relative(ROOT, file)}: ${JSON.stringify(text)}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(files(join(ROOT, 'lib', 'settings')).length).toBeGreaterThan(3);
    expect(words).toEqual([]);
  });
});
