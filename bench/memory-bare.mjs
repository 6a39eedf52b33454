// The extension process's memory over OPENS opens with no DevTools on the pages opened: the
// browser started on its own (a profile the desk was set up in), pages opened and closed over
// the bare DevTools protocol (Target.createTarget, closed HOLD_MS later), nothing attached but a
// keeper page that asks V8 for a full garbage collection before each reading. The tracker's
// syncs are held off (an hour's interval, no recent activity, no alarm), so what is measured is
// the opens, not a service worker started again for a sync. Four runs, each in a fresh browser:
// the popup (opened as a tab, then by the toolbar button as a person opens it), the empty
// extension page, and no opens at all for the same time. PSS from /proc.
// After the opens, every page is closed, as between a user's looks at the popup: whether the
// process that kept their memory ends, and what the next open's process holds.
import { extensionRenderers, pss } from './memory.mjs';
import { preparedProfile, sleep, startBare, targetOf } from './support/bare.mjs';
import { ROOT } from '../scripts/lib/chromium.mjs';
import { join } from 'node:path';

const OPENS = Number(process.env.INSTANT_DESK_MEMORY_OPENS ?? 100);
const HOLD_MS = 1500;

/** The tracker's syncs held off: an hour's interval, no recent activity, no alarm. */
async function holdSyncs(app) {
  await app.worker.evaluate(async () => {
    const { syncState } = await chrome.storage.local.get('syncState');
    await chrome.storage.local.set({ preferences: { notifications: true, intervalMin: 60 }, syncState: { ...syncState, lastActivityAt: 0 } });
    await chrome.alarms.clearAll();
  });
}

/** `toolbar`: the popup opened by the toolbar button, as a person opens it, instead of as a tab. */
async function measure(dir, facts, path, toolbar = false) {
  const { profile, id } = await preparedProfile(dir, facts, holdSyncs);
  const { send, close } = await startBare(dir, profile, { toolbar });
  try {
    const tab = toolbar ? await targetOf(send, (t) => t.url === 'about:blank', { type: 'tab' }) : undefined;
    const renderers = () => extensionRenderers(`--user-data-dir=${profile}`);
    const keep = async () => {
      const { targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/blank.html` });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      return { targetId, sessionId };
    };
    let keeper = await keep();
    const settled = async () => {
      await sleep(1000);
      for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, keeper.sessionId);
      await sleep(1000);
      return renderers().reduce((n, p) => n + pss(p), 0);
    };
    const open = async () => {
      if (!path) return sleep(HOLD_MS + 300);
      let targetId;
      if (tab) {
        await send('Extensions.triggerAction', { id, targetId: tab.targetId });
        ({ targetId } = await targetOf(send, (t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${id}/${path}`)));
      } else ({ targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/${path}` }));
      await sleep(HOLD_MS);
      await send('Target.closeTarget', { targetId });
      await sleep(300);
    };
    await open();
    const first = await settled();
    const samples = [];
    for (let i = 1; i <= OPENS; i++) {
      await open();
      if (i % 25 === 0) samples.push(await settled());
    }
    if (!path) return { first, samples };
    // As in use: no extension page open and nothing for the worker to do. Chrome stops the
    // worker after 30 s without events; does the process that kept the opens' memory end then,
    // and what does the next open start from?
    const before = renderers();
    const alive = () => renderers().some((p) => before.includes(p));
    await send('Target.closeTarget', { targetId: keeper.targetId });
    const quiet = Date.now();
    while (alive() && Date.now() - quiet < 180_000) await sleep(1000);
    const ended = alive() ? undefined : Math.round((Date.now() - quiet) / 1000);
    keeper = await keep();
    await open();
    return { first, samples, ended, again: await settled() };
  } finally {
    await close();
  }
}

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const lines = [];
  const runs = [
    ['popup', 'popup.html'],
    ['popup by the toolbar button', 'popup.html', true],
    ['empty page', 'blank.html'],
    ['no opens', undefined],
  ];
  for (const [name, path, toolbar] of runs) {
    const { first, samples, ended, again } = await measure(dir, facts, path, toolbar);
    const last = samples.at(-1) ?? first;
    const late = (last - (samples[0] ?? first)) / (OPENS - 25);
    lines.push(`${name}, no DevTools on the pages: extension process PSS ${mib(first)} after the first open, ${mib(last)} after ${OPENS} more (every 25: ${samples.map(mib).join(', ')}); ${((last - first) / OPENS).toFixed(0)} KiB per open, ${late.toFixed(0)} KiB from the 25th on`);
    if (again !== undefined)
      lines.push(
        `${name}, then no extension page open: ${ended === undefined ? 'the process was still there after 180 s' : `the process ended ${ended} s after the last page closed`}; the next open's: ${mib(again)} (the first open's: ${mib(first)})`,
      );
  }
  return lines;
}
