// Starts the project's desk when it is not running yet (and stops it again only then), so
// `npm run test:e2e` works alone; `npm test` starts and stops it around all suites.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR } from './browser';

const root = resolve(import.meta.dirname, '..', '..', '..');

export default async function setup() {
  // `npm test` builds once before; alone, this builds the e2e extension itself.
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || process.env.INSTANT_DESK_SKIP_BUILD !== '1') {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, INSTANT_DESK_E2E: '1' } });
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: root, stdio: 'ignore', env: { ...process.env, INSTANT_DESK_E2E: '1' } });
  }
  const desk = await import(join(root, 'scripts', 'desk.mjs'));
  const wasRunning = existsSync(join(desk.DATA, 'rt.pid'));
  await desk.start();
  return async () => {
    if (!wasRunning) await desk.stop();
  };
}
