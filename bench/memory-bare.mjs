// The extension process's memory over OPENS opens with no DevTools on the pages opened: the
// browser started on its own (a profile the desk was set up in), pages opened and closed over
// the bare DevTools protocol (Target.createTarget, closed HOLD_MS later), nothing attached but,
// while a reading is taken, a keeper page that asks V8 for a full garbage collection. The
// tracker's syncs are held off (an hour's interval, no recent activity, no alarm), so what is
// measured is the opens, not a service worker started again for a sync. Six runs, each in a
// fresh browser: the popup (opened as a tab, then by the toolbar button as a person opens it),
// the empty extension page, a hello-world React page, the empty page at the popup's size by the toolbar button (is it the
// window's size?), and no opens at all for the same time. PSS from /proc.
// After the opens, every page is closed, as between a user's looks at the popup: whether the
// process that kept their memory ends, and what the next open's process holds.
// Each reading is then taken twice more: with the service worker's garbage collected too (the
// keeper's collection is its own thread's only; the worker's isolate, in the same process,
// collects when V8 sees fit), and with the process told memory is short, as the system tells it
// (Blink's caches emptied, the allocators' free pages returned). What is left is what is held.
import { extensionRenderers, pss } from './memory.mjs';
import { preparedProfile, setPopup, sleep, startBare, targetOf } from './support/bare.mjs';
import { ROOT } from '../scripts/lib/chromium.mjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process's anonymous memory (mappings with no file or name) in KiB, PSS. */
function anonymous(pid) {
  let anon = false;
  let kib = 0;
  try {
    for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
      const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (mapping) anon = mapping[1] === '';
      else if (anon) kib += Number(/^Pss:\s+(\d+) kB/.exec(line)?.[1] ?? 0);
    }
  } catch {
    // gone
  }
  return kib;
}

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
    if (toolbar && path !== 'popup.html') await setPopup(send, id, path);
    const renderers = () => extensionRenderers(`--user-data-dir=${profile}`);
    const keep = async () => {
      const { targetId } = await send('Target.createTarget', { url: `chrome-extension://${id}/blank.html` });
      return { targetId };
    };
    let keeper = await keep();
    // Read with a DevTools session on the keeper only while it is read (attached for the whole
    // run, it was one more thing kept in the process measured): the process's PSS, and what in it could be the pages'
    // leftovers: the main thread's V8 heap and the documents alive after a full collection (one:
    // the keeper's), and the process's anonymous memory (the allocators' own, outside V8's heap).
    const settled = async () => {
      await sleep(1000);
      const { sessionId } = await send('Target.attachToTarget', { targetId: keeper.targetId, flatten: true });
      for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, sessionId);
      const { usedSize } = await send('Runtime.getHeapUsage', {}, sessionId);
      const { documents } = await send('Memory.getDOMCounters', {}, sessionId);
      await sleep(1000);
      const pids = renderers();
      const reading = { pss: pids.reduce((n, p) => n + pss(p), 0), anon: pids.reduce((n, p) => n + anonymous(p), 0), heap: usedSize / 1024, documents };
      // Then what the browser gives back when asked: the worker's own garbage collected (the
      // keeper's collection is its thread's only) and the process told memory is short, as the
      // system does (caches emptied, the allocators' free pages returned).
      const worker = (await send('Target.getTargets', {})).targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
      if (worker) {
        const w = await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true });
        for (let i = 0; i < 3; i++) await send('HeapProfiler.collectGarbage', {}, w.sessionId);
        await send('Target.detachFromTarget', { sessionId: w.sessionId });
      }
      await sleep(1000);
      const collected = renderers().reduce((n, p) => n + pss(p), 0);
      await send('Memory.simulatePressureNotification', { level: 'critical' }, sessionId);
      await send('Target.detachFromTarget', { sessionId });
      await sleep(1500);
      const after = renderers();
      return { ...reading, collected, purged: after.reduce((n, p) => n + pss(p), 0), purgedAnon: after.reduce((n, p) => n + anonymous(p), 0) };
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
const kib = (n) => `${Math.round(n)} KiB`;

export async function run({ facts }) {
  const dir = join(ROOT, '.output', 'bench', 'chrome-mv3');
  const lines = [];
  const runs = [
    ['popup', 'popup.html'],
    ['popup by the toolbar button', 'popup.html', true],
    ['empty page', 'blank.html'],
    // A page that loads the libraries' file the popup loads and renders "Hello" with React.
    ['hello-world React page', 'hello-react.html'],
    ["empty page at the popup's size by the toolbar button", 'blank-sized.html', true],
    ['no opens', undefined],
  ];
  const only = process.env.INSTANT_DESK_MEMORY_RUNS?.split(',');
  for (const [name, path, toolbar] of runs.filter(([name]) => !only || only.includes(name))) {
    const { first, samples, ended, again } = await measure(dir, facts, path, toolbar);
    const last = samples.at(-1) ?? first;
    // Per open from the 25th, and over the last 25 (does it level off?): only with that many samples.
    const perOpen = (from, to, opens) => `${((to.pss - from.pss) / opens).toFixed(0)} KiB`;
    const late = samples.length > 1 ? `, ${perOpen(samples[0], last, (samples.length - 1) * 25)} from the 25th on, ${perOpen(samples.at(-2), last, 25)} over the last 25` : '';
    const every = (key, say) => [first, ...samples].map((s) => say(s[key])).join(', ');
    lines.push(
      `${name}, no DevTools on the pages: extension process PSS ${mib(first.pss)} after the first open, ${mib(last.pss)} after ${samples.length * 25} more (every 25: ${samples.map((s) => mib(s.pss)).join(', ')}); ${perOpen(first, last, Math.max(1, samples.length * 25))} per open${late}`,
      `  after each full collection, from the first open on, every 25: V8 heap of the pages' thread ${every('heap', kib)}; documents alive ${every('documents', String)}; anonymous memory ${every('anon', mib)}`,
      `  then with the worker's garbage collected too, every 25: PSS ${every('collected', mib)}; and with the process told memory is short: PSS ${every('purged', mib)}, anonymous memory ${every('purgedAnon', mib)}`,
    );
    if (again !== undefined)
      lines.push(
        `${name}, then no extension page open: ${ended === undefined ? 'the process was still there after 180 s' : `the process ended ${ended} s after the last page closed`}; the next open's: ${mib(again.pss)} (the first open's: ${mib(first.pss)})`,
      );
  }
  return lines;
}
