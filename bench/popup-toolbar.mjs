// The popup as a person gets it: opened by the toolbar button (DevTools' Extensions.triggerAction,
// the click the e2e tests make) in a browser with no Playwright in it (./support/bare.mjs),
// against the empty extension page opened the same way (the action's popup switched between the
// two) and an empty page at the popup's size (a toolbar popup's window takes its page's size),
// interleaved, median of OPENS each. The figure is the popup's first contentful paint: the
// first frame, which has the department rows from storage and the search box focused (checked
// for every open, after it). Chromium loads a toolbar popup hidden and shows it once the page
// stopped loading, so this also shows whether the popup's late module holds its window back.
//
// Nothing stays attached to the extension's process while a page opens: the worker is attached
// only to switch the action's popup, then left (a DevTools session on the worker slowed both
// pages of the same process about twofold: 112 / 70 ms attached, 56 / 38-46 ms not). Two
// phases: `warm`, the extension's process running (a popup opened again within 30 s), and
// `after idle`, its worker stopped before each open (ServiceWorker.stopAllWorkers), as after
// 30 s without events, when Chromium ends the process and the open starts a new one.
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/chromium.mjs';
import { median } from './popup.mjs';
import { preparedProfile, setPopup, sleep, startBare, targetOf } from './support/bare.mjs';

const OPENS = Number(process.env.INSTANT_DESK_OPENS ?? 30);
/** How long an open popup is left before it is read and closed; then the gap before the next. */
const HOLD_MS = 1200;
const GAP_MS = 400;

const READ = `JSON.stringify({
  fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
  rows: document.querySelectorAll('.card').length,
  searchFocused: document.activeElement?.type === 'search',
})`;

export async function run({ facts }) {
  const dir = process.env.INSTANT_DESK_BENCH_DIR ?? join(ROOT, '.output', 'bench', 'chrome-mv3');
  const { profile, id } = await preparedProfile(dir, facts);
  const { send, close } = await startBare(dir, profile, { toolbar: true });
  try {
    const tab = await targetOf(send, (t) => t.url === 'about:blank', { type: 'tab' });
    // The tab's page asks for the worker to be started (to switch the popup) and stopped.
    const blankPage = await targetOf(send, (t) => t.type === 'page' && t.url === 'about:blank');
    const { sessionId: pageSession } = await send('Target.attachToTarget', { targetId: blankPage.targetId, flatten: true });
    await send('ServiceWorker.enable', {}, pageSession);
    const open = async (path, idle) => {
      await send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${id}/` }, pageSession);
      await setPopup(send, id, path);
      if (idle) await send('ServiceWorker.stopAllWorkers', {}, pageSession);
      await sleep(GAP_MS);
      const press = () => send('Extensions.triggerAction', { id, targetId: tab.targetId });
      const shown = () => targetOf(send, (t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${id}/${path}`), { ms: 3000 });
      await press();
      // A press that opened nothing (seen once in three runs of 360) is made again, and counted.
      const { targetId } = await shown().catch(async () => {
        repressed++;
        await press();
        return shown();
      });
      await sleep(HOLD_MS);
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const { result } = await send('Runtime.evaluate', { expression: READ, returnByValue: true }, sessionId);
      await send('Target.closeTarget', { targetId });
      return JSON.parse(result.value);
    };
    let repressed = 0;
    const lines = [];
    for (const [phase, idle] of [
      ['warm (the extension running)', false],
      ['after idle (its worker stopped before each open)', true],
    ]) {
      const opens = { popup: [], blank: [], sized: [] };
      const pages = { popup: 'popup.html', blank: 'blank.html', sized: 'blank-sized.html' };
      const order = Object.keys(pages);
      for (let i = 0; i < OPENS; i++)
        for (const key of order.map((_, k) => order[(k + i) % order.length])) opens[key].push(await open(pages[key], idle));
      if (Object.values(opens).flat().some((o) => o.fcp === undefined)) throw new Error('an open reported no first contentful paint');
      const [p, b, z] = order.map((key) => median(opens[key].map((o) => o.fcp)));
      const usable = opens.popup.filter((o) => o.rows > 0 && o.searchFocused).length;
      const spread = (key) => {
        const all = opens[key].map((o) => o.fcp).sort((x, y) => x - y);
        return `${all[Math.floor(all.length / 4)]}-${all[Math.floor((all.length * 3) / 4)]}`;
      };
      lines.push(
        `${phase}, first contentful paint, median of ${OPENS} each, interleaved: popup ${p.toFixed(1)} ms (middle half ${spread('popup')}); empty extension page ${b.toFixed(1)} ms (${spread('blank')}): ${(p / b).toFixed(2)}×; empty page at the popup's size ${z.toFixed(1)} ms (${spread('sized')}): ${(p / z).toFixed(2)}×`,
        `  opens with the department rows and the search box focused: ${usable} of ${OPENS}`,
      );
    }
    if (repressed) lines.push(`(${repressed} press${repressed > 1 ? 'es' : ''} of the button opened nothing and ${repressed > 1 ? 'were' : 'was'} made again)`);
    return lines;
  } finally {
    await close();
  }
}
