// Screenshots of the popup's first frame (React's chunk held back) and of the React frame over
// it, light and dark, 380×580, for looking at: node bench/support/first-frame-screens.mjs OUTDIR
import { join } from 'node:path';
import * as desk from '../../scripts/desk.mjs';
import { launchWithExtension, ROOT } from '../../scripts/lib/chromium.mjs';
import { configureRt } from './setup.mjs';

const out = process.argv[2] ?? '/tmp';
const facts = await desk.start();
for (const colorScheme of ['light', 'dark']) {
  const app = await launchWithExtension(join(ROOT, '.output', 'bench', 'chrome-mv3'), { colorScheme, viewport: { width: 380, height: 580 } });
  try {
    await configureRt(app, facts.baseUrl, facts.tokens.alice);
    const warm = await app.context.newPage();
    await warm.goto(app.url('popup.html'));
    await warm.locator('#root[data-app="react"] .card').first().waitFor();
    await new Promise((r) => setTimeout(r, 1500)); // the first frame written
    await warm.close();
    const held = await app.context.newPage();
    await held.route(/\/chunks\/start-[^/]*\.js$/, () => undefined); // never answered: React never starts
    await held.goto(app.url('popup.html'));
    await held.locator('.card').first().waitFor();
    await held.screenshot({ path: join(out, `popup-first-frame-${colorScheme}.png`) });
    const react = await app.context.newPage();
    await react.goto(app.url('popup.html'));
    await react.locator('#root[data-app="react"] .card').first().waitFor();
    await react.screenshot({ path: join(out, `popup-react-frame-${colorScheme}.png`) });
    const active = await react.evaluate(() => document.activeElement?.className);
    console.log(colorScheme, 'focused:', active, 'react marker:', await react.evaluate(() => document.getElementById('root')?.dataset.app), 'held marker:', await held.evaluate(() => document.getElementById('root')?.dataset.app ?? 'none'));
  } finally {
    await app.context.close();
  }
}
