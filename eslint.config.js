// Lint with boundary rules: the layers in ../shared/DESIGN.md are enforced here, not hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import boundaries from './lint/boundaries.js';
import words from './lint/words.js';

const root = path.dirname(fileURLToPath(import.meta.url));

// The browser's API objects, and WXT's auto-imported names that reach them (`storage` is WXT's
// storage over browser.storage; .wxt/types/imports.d.ts declares them all as globals).
const noBrowserApis = {
  'no-restricted-globals': [
    'error',
    ...['chrome', 'browser', 'storage', 'fakeBrowser', 'injectScript'].map((name) => ({ name, message: 'Browser APIs live in lib/platform.' })),
  ],
};
// Packages only: which part may import which part (components, stores, lib/*) is the table in lint/boundaries.js.
const uiImports = [{ group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], message: 'lib/ never imports React or UI state.' }];
const browserImports = [{ group: ['wxt/browser', 'webextension-polyfill', 'wxt/utils/*', 'wxt/testing', 'wxt/testing/*'], message: 'Only lib/platform touches browser APIs.' }];
// WXT's module of every auto-import (browser, storage, ...): a path, as `#` opens a comment in a pattern.
const browserPaths = [{ name: '#imports', message: 'Only lib/platform touches browser APIs.' }];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.desk/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The layer table: one rule for relative and `@/` imports, by the folder a file sits in.
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx,jsx}'],
    plugins: { boundaries },
    rules: { 'boundaries/layers': ['error', { root }] },
  },
  {
    // Type-aware: an un-awaited promise loses its rejection (a failed send, a storage write).
    // (~2x the CPU time of the untyped lint: one TypeScript program for the project).
    files: ['**/*.{ts,tsx}'],
    ignores: ['scripts/**'], // tsconfig.json excludes scripts/
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Words on screen come from the locale files (lint/words.js). The benches' hello-world page is not the product.
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    ignores: ['entrypoints/hello-react/**'],
    plugins: { words },
    rules: { 'words/no-literal': 'error' },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/platform/**'],
    rules: { ...noBrowserApis, 'no-restricted-imports': ['error', { paths: browserPaths, patterns: [...uiImports, ...browserImports] }] },
  },
  { files: ['lib/platform/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: uiImports }] } },
  {
    files: ['components/**/*.{ts,tsx}', 'stores/**/*.ts'],
    rules: {
      ...noBrowserApis,
      'no-restricted-imports': ['error', { paths: browserPaths, patterns: browserImports }],
      'no-restricted-properties': ['error', { object: 'window', property: 'fetch', message: 'Components never call fetch.' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'tests/**/*.ts', '*.config.ts', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, chrome: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
