#!/usr/bin/env node
// `npm run build-vocabulary`: compiles lib/catalog/routing/data/vocabulary.json (folded words,
// Snowball stems in en/de/fr/es, phrases) into data/compiled.json, which the popup loads after
// its first frame instead of stemming the whole vocabulary on every start. Run it after editing
// the vocabulary; tests/unit/catalog/routing-compiled.test.ts fails while the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const DATA = join(ROOT, 'lib', 'catalog', 'routing', 'data');
const { module } = await runnerImport(join(ROOT, 'lib/catalog/routing/compile.ts'), { configFile: false, logLevel: 'silent', resolve: { alias: { '@': ROOT } } });
const stemmers = Object.fromEntries(
  await Promise.all(Object.entries({ en: 'english', de: 'german', fr: 'french', es: 'spanish' }).map(async ([lang, name]) => [lang, (await import(`@orama/stemmers/${name}`)).stemmer])),
);
const vocabulary = JSON.parse(readFileSync(join(DATA, 'vocabulary.json'), 'utf8'));
const compiled = module.compileVocabulary(vocabulary, stemmers);
const text = `${JSON.stringify(compiled)}\n`;
writeFileSync(join(DATA, 'compiled.json'), text);
console.log(`data/compiled.json: ${(text.length / 1024).toFixed(1)} KB, ${Object.keys(compiled.single).length} word keys, ${Object.keys(compiled.phrases).length} phrase keys, ${compiled.concepts.length} concepts`);
