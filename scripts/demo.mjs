#!/usr/bin/env node
// `npm start`: builds the extension, starts the demo's own Request Tracker, freshly seeded, with
// two requests of the employee Alice's, and opens Chromium with the extension loaded and already
// configured for it (as Alice) on a sample page, the popup opened by its toolbar button.
//
// INSTANT_DESK_DEMO_CHECK=1 runs it headless, checks what a person is shown first (the page's
// screenshot in the form, and only Alice's two requests), saves screenshots and exits 1 if not.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickToolbarButton, configureCatalog, configureDesk, launchWithExtension, openPopupFor, ROOT, serveSite } from './lib/chromium.mjs';
import { DEMO_REQUESTS, fileDemoRequests, resolveDemoRequests } from './lib/demo-requests.mjs';

// The demo's desk is not the tests' desk (.desk on 18080, which holds whatever the tests
// filed): its own data folder and port, emptied and seeded again at every start.
process.env.INSTANT_DESK_DATA = process.env.INSTANT_DESK_DEMO_DATA ?? join(ROOT, '.desk-demo');
process.env.INSTANT_DESK_PORT = process.env.INSTANT_DESK_DEMO_PORT ?? '18081';
const desk = await import('./desk.mjs');

/**
 * The demo desk as seeded, with nothing filed yet. Seeding costs half a minute, so the first start
 * keeps a copy of the seeded database (RT stopped, SQLite closed) and later starts put it back;
 * a changed seed file seeds again.
 */
async function freshDesk() {
  const db = join(desk.DATA, 'rt.sqlite');
  const clean = join(desk.DATA, 'rt.seeded.sqlite');
  const mark = join(desk.DATA, 'rt.seeded.sha');
  const seed = createHash('sha256').update(readFileSync(join(ROOT, 'scripts', 'rt', 'seed.pl'))).digest('hex');
  await desk.stop();
  if (existsSync(clean) && existsSync(mark) && readFileSync(mark, 'utf8') === seed) {
    copyFileSync(clean, db);
    return desk.start();
  }
  await desk.reset();
  await desk.start();
  await desk.stop();
  copyFileSync(db, clean);
  writeFileSync(mark, seed);
  return desk.start();
}

const check = process.env.INSTANT_DESK_DEMO_CHECK === '1';
const headed = !check && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const dir = join(ROOT, '.output', 'demo', 'chrome-mv3');

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, INSTANT_DESK_DEMO: '1' } });
console.log('Starting Request Tracker 5 on 127.0.0.1 with a freshly seeded desk…');
const facts = await freshDesk();
const demoIds = await fileDemoRequests(facts);
const site = await serveSite();
// With a display, windows keep their own size (the popup window its 400 px).
const app = await launchWithExtension(dir, headed ? { headless: false, viewport: null } : { headless: true });
await configureDesk(app, facts.baseUrl, facts.tokens.alice);
// The extension's first look at the desk (after the desk is saved) lists Alice's open requests;
// the IT one is done after it, as it would be on a working day.
for (let i = 0; i < 120; i++) {
  const seen = await app.worker.evaluate(async () => (await chrome.storage.local.get('requests')).requests?.requests?.length ?? 0);
  if (seen > 0) break;
  await new Promise((r) => setTimeout(r, 250));
}
await resolveDemoRequests(facts, demoIds);
// Department cards, keywords and a page rule, as an administrator's policy would set them
// (the IT card's portal link points at this desk).
const catalog = readFileSync(join(ROOT, 'scripts', 'demo-catalog.json'), 'utf8').replaceAll('http://127.0.0.1:18080', facts.baseUrl);
await configureCatalog(app, JSON.parse(catalog));
const pageUrl = `${site.url}?session=demo-secret-123`;
const page = await app.context.newPage();
await page.goto(pageUrl);
await page.bringToFront();
// The toolbar button grants activeTab for the page, as it does for a person; the popup UI then
// opens in a window Playwright can drive (it cannot reach the toolbar's own popup).
await clickToolbarButton(app, pageUrl);
const popup = await openPopupFor(app, pageUrl);
if (!headed) await popup.setViewportSize({ width: 380, height: 600 });
await popup.locator('.card').first().waitFor();

console.log(`
Instant Desk is running.
  Desk (Request Tracker):  ${facts.baseUrl}   staff: root / password   employee: alice / alice-password
  Extension folder:        ${dir}
  Options page:            ${app.url('options.html')}`);

async function shutdown(code = 0) {
  await app.context.close().catch(() => {});
  site.close();
  await desk.stop();
  process.exit(code);
}

if (headed) {
  console.log('\nUse the popup window, or click the Instant Desk button in the toolbar. Close the browser or press Ctrl+C to stop.');
  app.context.on('close', () => shutdown());
  process.on('SIGINT', () => shutdown());
} else {
  const out = join(ROOT, '.output', 'demo-screens');
  mkdirSync(out, { recursive: true });
  const problems = [];
  await popup.screenshot({ path: join(out, 'popup.png') });
  await popup.getByRole('button', { name: /^Facilities/ }).click();
  const shot = await popup
    .locator('.chip[data-item="screenshot"] img')
    .waitFor({ timeout: 20_000 })
    .then(() => true, () => false);
  if (!shot) problems.push('the form shows no screenshot of the page');
  await popup.getByLabel(/^Room/).waitFor({ timeout: 20_000 }).catch(() => {});
  await popup.locator('.chip[data-item="screenshot"]').scrollIntoViewIfNeeded().catch(() => {});
  await popup.screenshot({ path: join(out, 'form.png') });
  const tab = popup.getByRole('button', { name: /^My requests/ });
  await tab.click();
  const rows = popup.locator('.row__subject');
  await rows.nth(DEMO_REQUESTS.length - 1).waitFor({ timeout: 20_000 }).catch(() => {});
  await popup.locator('.requests__head .spinner').waitFor({ state: 'detached', timeout: 20_000 }).catch(() => {});
  const subjects = (await rows.allTextContents()).sort();
  const expected = DEMO_REQUESTS.map((r) => r.subject).sort();
  if (JSON.stringify(subjects) !== JSON.stringify(expected)) problems.push(`My requests lists ${JSON.stringify(subjects)}, not ${JSON.stringify(expected)}`);
  const label = (await tab.textContent())?.trim();
  if (label !== 'My requests (1)') problems.push(`the tab reads "${label}", not "My requests (1)" (one open request)`);
  await popup.screenshot({ path: join(out, 'requests.png') });
  if (check) {
    for (const p of problems) console.error(`demo check: ${p}`);
    console.log(problems.length ? '\nDemo check failed.' : `\nDemo check passed. Screenshots in ${out}.`);
    await shutdown(problems.length ? 1 : 0);
  }
  console.log(`
No display was found, so Chromium ran headless. Screenshots of the popup are in ${out}.
To use it yourself: run \`npm start\` on a desktop (or under \`xvfb-run -a npm start\` with a VNC viewer),
or load ${dir} in Chrome at chrome://extensions (Developer mode → Load unpacked).`);
  await shutdown();
}
