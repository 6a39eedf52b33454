#!/usr/bin/env node
// `npm start`: builds the extension, starts the seeded local Request Tracker, and opens
// Chromium with the extension loaded and already configured for it (as employee Alice).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as desk from './desk.mjs';
import { configureCatalog, configureDesk, launchWithExtension, openPopupFor, ROOT, serveSite } from './lib/chromium.mjs';
import { readFileSync } from 'node:fs';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const dir = join(ROOT, '.output', 'demo', 'chrome-mv3');

console.log('Building the extension…');
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, INSTANT_DESK_DEMO: '1' } });
console.log('Starting Request Tracker 5 on 127.0.0.1…');
const facts = await desk.start();
const site = await serveSite();
const app = await launchWithExtension(dir, { headless: !headed });
await configureDesk(app, facts.baseUrl, facts.tokens.alice);
// Department cards, keywords and a page rule, as an administrator's policy would set them.
await configureCatalog(app, JSON.parse(readFileSync(join(ROOT, 'scripts', 'demo-catalog.json'), 'utf8')));
const page = await app.context.newPage();
await page.goto(`${site.url}?session=demo-secret-123`);
const popup = await openPopupFor(app, `${site.url}?session=demo-secret-123`);
await popup.locator('.card').first().waitFor();

console.log(`
Instant Desk is running.
  Desk (Request Tracker):  ${facts.baseUrl}   staff: root / password   employee: alice / alice-password
  Extension folder:        ${dir}
  Options page:            ${app.url('options.html')}`);

async function shutdown() {
  await app.context.close().catch(() => {});
  site.close();
  await desk.stop();
  process.exit(0);
}

if (headed) {
  console.log('\nUse the popup window, or click the Instant Desk button in the toolbar. Close the browser or press Ctrl+C to stop.');
  app.context.on('close', shutdown);
  process.on('SIGINT', shutdown);
} else {
  const out = join(ROOT, '.output', 'demo-screens');
  mkdirSync(out, { recursive: true });
  await popup.screenshot({ path: join(out, 'popup.png') });
  await popup.getByRole('button', { name: /^Facilities/ }).click();
  await popup.locator('.chip[data-item="screenshot"] img').waitFor({ timeout: 20_000 }).catch(() => {});
  await popup.screenshot({ path: join(out, 'form.png') });
  console.log(`
No display was found, so Chromium ran headless. Screenshots of the popup are in ${out}.
To use it yourself: run \`npm start\` on a desktop (or under \`xvfb-run -a npm start\` with a VNC viewer),
or load ${dir} in Chrome at chrome://extensions (Developer mode → Load unpacked).`);
  await shutdown();
}
