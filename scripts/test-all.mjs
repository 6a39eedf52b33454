#!/usr/bin/env node
// `npm test`: every check and every test, in order, then one closing line `N passed, N failed`.
// Installs (as root) and starts what the end-to-end tests need, and stops it after.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as desk from './desk.mjs';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'instant-desk-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function sh(title, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(title, cmd, args, env) {
  if (sh(title, cmd, args, env)) passed++;
  else {
    failed++;
    failures.push(title);
  }
}

/** A vitest run counts each of its tests. */
function vitest(title, args, env) {
  const out = join(tmp, `${title.replace(/\W+/g, '-')}.json`);
  const ok = sh(title, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (!existsSync(out)) {
    failed++;
    failures.push(`${title} (did not run)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTotalTests === 0 ? 1 : 0);
  if (!ok || r.numFailedTests > 0) failures.push(title);
}

async function main() {
  try {
    desk.install();
  } catch (err) {
    console.error(`\n${err.message}`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
  check('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit']);
  check('lint (eslint, with layer boundaries)', 'npx', ['eslint', '--max-warnings', '0', '.']);
  vitest('unit tests', []);
  if (sh('Firefox MV3 build', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3'])) {
    check('Firefox: web-ext lint (0 errors)', 'npx', ['web-ext', 'lint', '-s', '.output/firefox-mv3', '--self-hosted']);
  } else {
    failed++;
    failures.push('Firefox MV3 build');
  }
  check('Chrome MV3 production build', 'npx', ['wxt', 'build']);
  if (sh('end-to-end build', 'npx', ['wxt', 'build'], { INSTANT_DESK_E2E: '1' }) && sh('end-to-end build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { INSTANT_DESK_E2E: '1' })) {
    let started = false;
    try {
      process.stdout.write('\n▶ desk: Request Tracker 5 on 127.0.0.1\n');
      await desk.start();
      started = true;
      vitest('end-to-end tests (Chromium, Firefox + Request Tracker)', ['-c', 'vitest.e2e.config.ts'], { INSTANT_DESK_SKIP_BUILD: '1' });
    } catch (err) {
      console.error(err.message);
      failed++;
      failures.push('desk start');
    } finally {
      if (started) await desk.stop();
    }
  } else {
    failed++;
    failures.push('end-to-end build');
  }
  if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
