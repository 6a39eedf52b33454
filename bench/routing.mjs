// Routing from plain words: accuracy on the labelled set and keystroke cost with the
// vocabulary loaded (bench/routing.bench.ts, through vitest like bench/catalog.mjs).
import { execFileSync } from 'node:child_process';
import { ROOT } from '../scripts/lib/chromium.mjs';

export async function run() {
  const out = execFileSync('npx', ['vitest', 'run', '-c', 'vitest.bench.config.ts', '--reporter=dot', 'bench/routing.bench.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, INSTANT_DESK_ROUTING_BENCH: '1' },
  });
  return out.split('\n').flatMap((l) => /BENCH (.*)$/.exec(l)?.[1] ?? []);
}
