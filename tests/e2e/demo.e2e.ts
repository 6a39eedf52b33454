// `npm start` as a new user first sees it: the demo builds its own extension, starts its own
// freshly seeded Request Tracker (not the tests' desk, whatever the tests filed there), opens
// the popup by the toolbar button on the sample page, and checks (INSTANT_DESK_DEMO_CHECK=1)
// that the form shows the page's screenshot and My requests lists only Alice's two seeded
// requests. The demo exits 1 and says what it saw otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

describe('the demo (npm start)', () => {
  it('shows the page screenshot and starts from a clean desk with two requests of the employee', () => {
    const started = Date.now();
    const run = spawnSync('node', [join(root, 'scripts', 'demo.mjs')], {
      cwd: root,
      env: { ...process.env, INSTANT_DESK_DEMO_CHECK: '1' },
      encoding: 'utf8',
      timeout: 280_000,
    });
    expect(run.stderr).not.toContain('demo check:');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Demo check passed.');
    for (const png of ['popup.png', 'form.png', 'requests.png']) {
      const file = join(root, '.output', 'demo-screens', png);
      expect(existsSync(file) && statSync(file).mtimeMs >= started).toBe(true);
    }
  }, 300_000);
});
