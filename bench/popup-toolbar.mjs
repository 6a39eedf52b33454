// The popup as a person gets it: opened by the toolbar button (DevTools' Extensions.triggerAction,
// the click the e2e tests make) in a browser with no Playwright in it (./support/bare.mjs),
// against the empty extension page opened the same way (the action's popup switched between the
// two), interleaved, median of OPENS each. The figure is the popup's first contentful paint: the
// first frame, which has the department rows from storage and the search box focused (checked
// for every open, after it). Chromium loads a toolbar popup hidden and shows it once the page
// stopped loading, so this also shows whether the popup's late module holds its window back.
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/chromium.mjs';
import { median } from './popup.mjs';
import { preparedProfile, sleep, startBare, targetOf } from './support/bare.mjs';

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
    const worker = await targetOf(send, (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
    const { sessionId: workerSession } = await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true });
    const open = async (path) => {
      await send('Runtime.evaluate', { expression: `chrome.action.setPopup({ popup: '${path}' })`, awaitPromise: true }, workerSession);
      await send('Extensions.triggerAction', { id, targetId: tab.targetId });
      const { targetId } = await targetOf(send, (t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${id}/${path}`));
      await sleep(HOLD_MS);
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const { result } = await send('Runtime.evaluate', { expression: READ, returnByValue: true }, sessionId);
      await send('Target.closeTarget', { targetId });
      await sleep(GAP_MS);
      return JSON.parse(result.value);
    };
    const popup = [];
    const blank = [];
    for (let i = 0; i < OPENS; i++) {
      const pair = [async () => popup.push(await open('popup.html')), async () => blank.push(await open('blank.html'))];
      if (i % 2) pair.reverse();
      for (const step of pair) await step();
    }
    if ([...popup, ...blank].some((o) => o.fcp === undefined)) throw new Error('an open reported no first contentful paint');
    const [p, b] = [median(popup.map((o) => o.fcp)), median(blank.map((o) => o.fcp))];
    const usable = popup.filter((o) => o.rows > 0 && o.searchFocused).length;
    return [
      `first frame as the toolbar button opens it (first contentful paint), median of ${OPENS} interleaved: ${p.toFixed(1)} ms; empty extension page opened the same way: ${b.toFixed(1)} ms; ratio ${(p / b).toFixed(2)}×`,
      `  opens with the department rows and the search box focused: ${usable} of ${popup.length}`,
    ];
  } finally {
    await close();
  }
}
