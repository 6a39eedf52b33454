#!/usr/bin/env node
// `npm run bench`: figures, not pass/fail. Builds the bench extension, starts the local desk,
// runs every bench/*.mjs and prints what each measured. `npm run bench -- popup memory` runs
// only the benches whose file name contains one of the words given.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as desk from './desk.mjs';
import { ROOT } from './lib/chromium.mjs';

const only = process.argv.slice(2);
const files = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((w) => f.includes(w))))
  .sort();
if (files.length === 0) throw new Error(`no bench/*.mjs matches ${only.join(', ')}`);

execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, INSTANT_DESK_BENCH: '1' } });
const facts = await desk.start();
try {
  for (const file of files) {
    const { run } = await import(join(ROOT, 'bench', file));
    console.log(`\n${file.replace('.mjs', '')}`);
    for (const line of await run({ facts })) console.log(`  ${line}`);
  }
} finally {
  await desk.stop();
}
