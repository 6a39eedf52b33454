// The popup's first frame in the real browser: once a popup has stored it, the next popup's
// first rendered frame already shows the departments from storage with the search box focused
// (the first frame's script is render-blocking: no empty frame is rendered while it is on its
// way), before React has run; React then renders over the same rows.
import { describe, expect, it } from 'vitest';
import { withExtension } from './support/fixture';

const env = withExtension({ configure: true });

/** What the page showed at its first animation frame (the first rendering opportunity), recorded from an init script. */
const FIRST_FRAME_PROBE = `window.instantDeskFirstFrame = new Promise((resolve) => requestAnimationFrame(() => resolve({
  rows: [...document.querySelectorAll('#root .card .card__name')].map((e) => e.textContent),
  focused: document.activeElement?.getAttribute('type') === 'search',
  react: document.getElementById('root')?.dataset.app ?? null,
})));`;

describe('the first frame', () => {
  it('is the first frame the browser renders, with the stored departments, and React takes it over', async () => {
    // The first popup renders with React and stores the frame for the next one.
    const warm = await env.app.context.newPage();
    await warm.goto(env.app.url('popup.html'));
    await warm.locator('#root[data-app="react"] .card').first().waitFor({ timeout: 15_000 });
    const names = await warm.locator('#root .card .card__name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    await warm.waitForTimeout(500);
    await warm.close();

    const page = await env.app.context.newPage();
    await page.addInitScript(FIRST_FRAME_PROBE);
    await page.goto(env.app.url('popup.html'));
    const first = await page.evaluate(() => (window as unknown as { instantDeskFirstFrame: Promise<{ rows: string[]; focused: boolean; react: string | null }> }).instantDeskFirstFrame);
    expect(first).toEqual({ rows: names, focused: true, react: null });
    // The script that painted it sits in the head, deferred and render-blocking, and names the module.
    const script = await page.locator('head script[src="/first-frame.js"]').evaluate((s) => ({ defer: (s as HTMLScriptElement).defer, blocking: s.getAttribute('blocking'), module: (s as HTMLElement).dataset.module ?? '' }));
    expect(script).toEqual({ defer: true, blocking: 'render', module: expect.stringMatching(/^\/chunks\/popup-.+\.js$/) });
    await page.locator('#root[data-app="react"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#root .card .card__name').allTextContents()).toEqual(names);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.close();
  });
});
