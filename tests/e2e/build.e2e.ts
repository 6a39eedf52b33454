// The built extension's files, as the browser gets them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/browser';

const scripts = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));

describe('the build', () => {
  // Blink keeps a script's source as one byte per character only when every character fits in
  // one: a single "…" made the app's file a two-byte string, twice its size, in each open popup's
  // process (bench/memory-bare.mjs, 2026-12-07).
  it('ships every script as ASCII', () => {
    const files = scripts(EXTENSION_DIR);
    expect(files.length).toBeGreaterThan(3);
    const wide = files.flatMap((f) => {
      const at = [...readFileSync(f, 'utf8')].findIndex((c) => c.charCodeAt(0) > 0x7f);
      return at < 0 ? [] : [`${f.slice(EXTENSION_DIR.length + 1)} at ${at}`];
    });
    expect(wide).toEqual([]);
  });
});
